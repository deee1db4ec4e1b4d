using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NurtureHealth.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Nurture : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "enrollment_id",
                table: "leads",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "enrollment_outcome",
                table: "leads",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "email_opted_out_at",
                table: "contacts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "sms_opted_out_at",
                table: "contacts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "contact_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    contact_id = table.Column<long>(type: "INTEGER", nullable: false),
                    enrollment_id = table.Column<long>(type: "INTEGER", nullable: true),
                    touch_id = table.Column<long>(type: "INTEGER", nullable: true),
                    type = table.Column<string>(type: "TEXT", nullable: false),
                    channel = table.Column<string>(type: "TEXT", nullable: true),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    source = table.Column<string>(type: "TEXT", nullable: false),
                    external_id = table.Column<string>(type: "TEXT", nullable: true),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contact_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_contact_events_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "enrollments",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    contact_id = table.Column<long>(type: "INTEGER", nullable: false),
                    lead_id = table.Column<long>(type: "INTEGER", nullable: false),
                    sequence_id = table.Column<string>(type: "TEXT", nullable: false),
                    service_line = table.Column<string>(type: "TEXT", nullable: false),
                    location_id = table.Column<string>(type: "TEXT", nullable: false),
                    provider_id = table.Column<string>(type: "TEXT", nullable: true),
                    language = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    enrolled_at = table.Column<long>(type: "INTEGER", nullable: false),
                    ended_at = table.Column<long>(type: "INTEGER", nullable: true),
                    end_reason = table.Column<string>(type: "TEXT", nullable: true),
                    touches_sent = table.Column<int>(type: "INTEGER", nullable: false),
                    unengaged_touches = table.Column<int>(type: "INTEGER", nullable: false),
                    last_engaged_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_enrollments", x => x.id);
                    table.ForeignKey(
                        name: "fk_enrollments_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_enrollments_leads_lead_id",
                        column: x => x.lead_id,
                        principalTable: "leads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "rejected_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    source_name = table.Column<string>(type: "TEXT", nullable: false),
                    line = table.Column<int>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", nullable: false),
                    raw = table.Column<byte[]>(type: "BLOB", nullable: false),
                    rejected_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rejected_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "touches",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    enrollment_id = table.Column<long>(type: "INTEGER", nullable: false),
                    contact_id = table.Column<long>(type: "INTEGER", nullable: false),
                    step_index = table.Column<int>(type: "INTEGER", nullable: false),
                    step_id = table.Column<string>(type: "TEXT", nullable: false),
                    channel = table.Column<string>(type: "TEXT", nullable: false),
                    stage = table.Column<string>(type: "TEXT", nullable: false),
                    location_id = table.Column<string>(type: "TEXT", nullable: false),
                    due_at = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    lease_owner = table.Column<string>(type: "TEXT", nullable: true),
                    lease_until = table.Column<long>(type: "INTEGER", nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    sending_at = table.Column<long>(type: "INTEGER", nullable: true),
                    sent_at = table.Column<long>(type: "INTEGER", nullable: true),
                    outcome = table.Column<string>(type: "TEXT", nullable: true),
                    provider_message_id = table.Column<string>(type: "TEXT", nullable: true),
                    subject = table.Column<string>(type: "TEXT", nullable: true),
                    sms_encoding = table.Column<string>(type: "TEXT", nullable: true),
                    sms_segments = table.Column<int>(type: "INTEGER", nullable: true),
                    template_path = table.Column<string>(type: "TEXT", nullable: true),
                    template_hash = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_touches", x => x.id);
                    table.ForeignKey(
                        name: "fk_touches_enrollments_enrollment_id",
                        column: x => x.enrollment_id,
                        principalTable: "enrollments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_leads_enrollment_outcome",
                table: "leads",
                column: "enrollment_outcome");

            migrationBuilder.CreateIndex(
                name: "ix_contact_events_contact_id",
                table: "contact_events",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ix_contact_events_source_external_id",
                table: "contact_events",
                columns: new[] { "source", "external_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_enrollments_contact_id_sequence_id",
                table: "enrollments",
                columns: new[] { "contact_id", "sequence_id" },
                unique: true,
                filter: "status = 'active'");

            migrationBuilder.CreateIndex(
                name: "ix_enrollments_lead_id",
                table: "enrollments",
                column: "lead_id");

            migrationBuilder.CreateIndex(
                name: "ix_enrollments_location_id_status",
                table: "enrollments",
                columns: new[] { "location_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_touches_contact_id",
                table: "touches",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ix_touches_enrollment_id",
                table: "touches",
                column: "enrollment_id");

            migrationBuilder.CreateIndex(
                name: "ix_touches_status_due_at",
                table: "touches",
                columns: new[] { "status", "due_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "contact_events");

            migrationBuilder.DropTable(
                name: "rejected_events");

            migrationBuilder.DropTable(
                name: "touches");

            migrationBuilder.DropTable(
                name: "enrollments");

            migrationBuilder.DropIndex(
                name: "ix_leads_enrollment_outcome",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "enrollment_id",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "enrollment_outcome",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "email_opted_out_at",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "sms_opted_out_at",
                table: "contacts");
        }
    }
}
