using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NurtureHealth.Storage.Migrations
{
    /// <inheritdoc />
    public partial class TouchVariant : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "variant",
                table: "touches",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "variant",
                table: "touches");
        }
    }
}
