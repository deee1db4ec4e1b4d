using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NurtureHealth.Storage.Migrations
{
    /// <inheritdoc />
    public partial class TouchProvenance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "content_commit",
                table: "touches",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "layout_hash",
                table: "touches",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "layout_path",
                table: "touches",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "content_commit",
                table: "touches");

            migrationBuilder.DropColumn(
                name: "layout_hash",
                table: "touches");

            migrationBuilder.DropColumn(
                name: "layout_path",
                table: "touches");
        }
    }
}
