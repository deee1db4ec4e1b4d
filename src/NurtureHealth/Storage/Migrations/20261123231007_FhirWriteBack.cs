using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NurtureHealth.Storage.Migrations
{
    /// <inheritdoc />
    public partial class FhirWriteBack : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "fhir_write_backs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    contact_id = table.Column<long>(type: "INTEGER", nullable: false),
                    touch_id = table.Column<long>(type: "INTEGER", nullable: true),
                    contact_event_id = table.Column<long>(type: "INTEGER", nullable: true),
                    enrollment_id = table.Column<long>(type: "INTEGER", nullable: true),
                    location_id = table.Column<string>(type: "TEXT", nullable: true),
                    patient = table.Column<string>(type: "TEXT", nullable: true),
                    identifier = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    happened_at = table.Column<long>(type: "INTEGER", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    outcome = table.Column<string>(type: "TEXT", nullable: true),
                    resource_id = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    written_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fhir_write_backs", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_fhir_write_backs_enrollment_id",
                table: "fhir_write_backs",
                column: "enrollment_id");

            migrationBuilder.CreateIndex(
                name: "ix_fhir_write_backs_identifier",
                table: "fhir_write_backs",
                column: "identifier",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fhir_write_backs_kind_contact_event_id",
                table: "fhir_write_backs",
                columns: new[] { "kind", "contact_event_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fhir_write_backs_kind_touch_id",
                table: "fhir_write_backs",
                columns: new[] { "kind", "touch_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fhir_write_backs_status_id",
                table: "fhir_write_backs",
                columns: new[] { "status", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fhir_write_backs");
        }
    }
}
