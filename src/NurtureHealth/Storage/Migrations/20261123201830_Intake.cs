using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NurtureHealth.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Intake : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "contacts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    email = table.Column<string>(type: "TEXT", nullable: true),
                    phone = table.Column<string>(type: "TEXT", nullable: true),
                    first_name = table.Column<string>(type: "TEXT", nullable: false),
                    last_name = table.Column<string>(type: "TEXT", nullable: true),
                    language = table.Column<string>(type: "TEXT", nullable: false),
                    email_consent = table.Column<bool>(type: "INTEGER", nullable: true),
                    sms_consent = table.Column<bool>(type: "INTEGER", nullable: false),
                    sms_consent_text = table.Column<string>(type: "TEXT", nullable: true),
                    sms_consent_at = table.Column<long>(type: "INTEGER", nullable: true),
                    sms_consent_lead_id = table.Column<string>(type: "TEXT", nullable: true),
                    last_lead_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    merged_into_id = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contacts", x => x.id);
                    table.ForeignKey(
                        name: "fk_contacts_contacts_merged_into_id",
                        column: x => x.merged_into_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "imports",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    source_name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    format = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false),
                    finished_at = table.Column<long>(type: "INTEGER", nullable: true),
                    records = table.Column<int>(type: "INTEGER", nullable: false),
                    accepted = table.Column<int>(type: "INTEGER", nullable: false),
                    new_contacts = table.Column<int>(type: "INTEGER", nullable: false),
                    merged = table.Column<int>(type: "INTEGER", nullable: false),
                    rejected = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_imports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "leads",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    external_id = table.Column<string>(type: "TEXT", nullable: false),
                    import_id = table.Column<long>(type: "INTEGER", nullable: false),
                    line = table.Column<int>(type: "INTEGER", nullable: false),
                    contact_id = table.Column<long>(type: "INTEGER", nullable: false),
                    submitted_at = table.Column<long>(type: "INTEGER", nullable: false),
                    source = table.Column<string>(type: "TEXT", nullable: false),
                    service_line = table.Column<string>(type: "TEXT", nullable: false),
                    interest = table.Column<string>(type: "TEXT", nullable: true),
                    first_name = table.Column<string>(type: "TEXT", nullable: false),
                    last_name = table.Column<string>(type: "TEXT", nullable: true),
                    email = table.Column<string>(type: "TEXT", nullable: true),
                    phone = table.Column<string>(type: "TEXT", nullable: true),
                    postal_code = table.Column<string>(type: "TEXT", nullable: true),
                    lat = table.Column<double>(type: "REAL", nullable: true),
                    lon = table.Column<double>(type: "REAL", nullable: true),
                    language = table.Column<string>(type: "TEXT", nullable: false),
                    preferred_location = table.Column<string>(type: "TEXT", nullable: true),
                    consent_email = table.Column<bool>(type: "INTEGER", nullable: true),
                    consent_sms = table.Column<bool>(type: "INTEGER", nullable: false),
                    consent_sms_text = table.Column<string>(type: "TEXT", nullable: true),
                    consent_at = table.Column<long>(type: "INTEGER", nullable: true),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    location_id = table.Column<string>(type: "TEXT", nullable: true),
                    provider_id = table.Column<string>(type: "TEXT", nullable: true),
                    distance_km = table.Column<double>(type: "REAL", nullable: true),
                    unresolved_reason = table.Column<string>(type: "TEXT", nullable: true),
                    resolution_note = table.Column<string>(type: "TEXT", nullable: true),
                    imported_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_leads", x => x.id);
                    table.ForeignKey(
                        name: "fk_leads_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_leads_imports_import_id",
                        column: x => x.import_id,
                        principalTable: "imports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "rejected_leads",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    import_id = table.Column<long>(type: "INTEGER", nullable: false),
                    line = table.Column<int>(type: "INTEGER", nullable: false),
                    external_id = table.Column<string>(type: "TEXT", nullable: true),
                    field = table.Column<string>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", nullable: false),
                    message = table.Column<string>(type: "TEXT", nullable: false),
                    raw = table.Column<byte[]>(type: "BLOB", nullable: false),
                    rejected_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rejected_leads", x => x.id);
                    table.ForeignKey(
                        name: "fk_rejected_leads_imports_import_id",
                        column: x => x.import_id,
                        principalTable: "imports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_email",
                table: "contacts",
                column: "email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_contacts_merged_into_id",
                table: "contacts",
                column: "merged_into_id");

            migrationBuilder.CreateIndex(
                name: "ix_contacts_phone",
                table: "contacts",
                column: "phone",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_leads_contact_id",
                table: "leads",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ix_leads_external_id",
                table: "leads",
                column: "external_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_leads_import_id",
                table: "leads",
                column: "import_id");

            migrationBuilder.CreateIndex(
                name: "ix_leads_location_id_status",
                table: "leads",
                columns: new[] { "location_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_rejected_leads_import_id",
                table: "rejected_leads",
                column: "import_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "leads");

            migrationBuilder.DropTable(
                name: "rejected_leads");

            migrationBuilder.DropTable(
                name: "contacts");

            migrationBuilder.DropTable(
                name: "imports");
        }
    }
}
