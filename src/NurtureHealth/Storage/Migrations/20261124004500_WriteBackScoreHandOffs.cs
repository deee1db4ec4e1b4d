using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NurtureHealth.Storage.Migrations
{
    /// <inheritdoc />
    public partial class WriteBackScoreHandOffs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "hand_off_id",
                table: "fhir_write_backs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_fhir_write_backs_kind_hand_off_id",
                table: "fhir_write_backs",
                columns: new[] { "kind", "hand_off_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_fhir_write_backs_kind_hand_off_id",
                table: "fhir_write_backs");

            migrationBuilder.DropColumn(
                name: "hand_off_id",
                table: "fhir_write_backs");
        }
    }
}
