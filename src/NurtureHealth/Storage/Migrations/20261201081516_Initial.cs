using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NurtureHealth.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "appointments",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    contact_id = table.Column<long>(type: "INTEGER", nullable: false),
                    booking_id = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    source = table.Column<string>(type: "TEXT", nullable: false),
                    location_id = table.Column<string>(type: "TEXT", nullable: false),
                    provider_id = table.Column<string>(type: "TEXT", nullable: true),
                    service_line = table.Column<string>(type: "TEXT", nullable: false),
                    start = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    booked_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    confirmed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    reschedule_requested_at = table.Column<long>(type: "INTEGER", nullable: true),
                    rebooks_id = table.Column<long>(type: "INTEGER", nullable: true),
                    confirmation_written_at = table.Column<long>(type: "INTEGER", nullable: true),
                    confirmation_write_outcome = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_appointments", x => x.id);
                });

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
                    merged_into_id = table.Column<long>(type: "INTEGER", nullable: true),
                    sms_opted_out_at = table.Column<long>(type: "INTEGER", nullable: true),
                    email_opted_out_at = table.Column<long>(type: "INTEGER", nullable: true),
                    score = table.Column<double>(type: "REAL", nullable: false, defaultValue: 0.0),
                    score_at = table.Column<long>(type: "INTEGER", nullable: true)
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
                name: "content_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    location_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    file = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    summary = table.Column<string>(type: "TEXT", nullable: false),
                    before = table.Column<string>(type: "TEXT", nullable: true),
                    after = table.Column<string>(type: "TEXT", nullable: true),
                    diff = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    author_name = table.Column<string>(type: "TEXT", nullable: false),
                    author_id = table.Column<string>(type: "TEXT", nullable: false),
                    author_email = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    reviewer_name = table.Column<string>(type: "TEXT", nullable: true),
                    reviewed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    note = table.Column<string>(type: "TEXT", nullable: true),
                    commit = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_content_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "fhir_watermarks",
                columns: table => new
                {
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    value = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fhir_watermarks", x => x.name);
                });

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
                    hand_off_id = table.Column<long>(type: "INTEGER", nullable: true),
                    enrollment_id = table.Column<long>(type: "INTEGER", nullable: true),
                    location_id = table.Column<string>(type: "TEXT", nullable: true),
                    patient = table.Column<string>(type: "TEXT", nullable: true),
                    identifier = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    happened_at = table.Column<long>(type: "INTEGER", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    outcome = table.Column<string>(type: "TEXT", nullable: true),
                    refused_under = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    resource_id = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    written_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fhir_write_backs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "hand_offs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    contact_id = table.Column<long>(type: "INTEGER", nullable: true),
                    enrollment_id = table.Column<long>(type: "INTEGER", nullable: true),
                    location_id = table.Column<string>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    detail = table.Column<string>(type: "TEXT", nullable: false),
                    phone = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    message = table.Column<string>(type: "TEXT", nullable: true),
                    maybe_stop = table.Column<bool>(type: "INTEGER", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    notified_at = table.Column<long>(type: "INTEGER", nullable: true),
                    notify_outcome = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hand_offs", x => x.id);
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
                name: "inbound_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    message_sid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    contacts = table.Column<int>(type: "INTEGER", nullable: false),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbound_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "privacy_audit",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    action = table.Column<string>(type: "TEXT", nullable: false),
                    actor = table.Column<string>(type: "TEXT", nullable: false),
                    subject = table.Column<string>(type: "TEXT", nullable: true),
                    detail = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_privacy_audit", x => x.id);
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
                name: "score_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    contact_id = table.Column<long>(type: "INTEGER", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    rule = table.Column<string>(type: "TEXT", nullable: false),
                    points = table.Column<double>(type: "REAL", nullable: false),
                    before = table.Column<double>(type: "REAL", nullable: false),
                    after = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_score_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "suppressions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    channel = table.Column<string>(type: "TEXT", nullable: false),
                    address = table.Column<string>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", nullable: false),
                    source = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_suppressions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "appointment_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    appointment_id = table.Column<long>(type: "INTEGER", nullable: false),
                    change = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    start = table.Column<long>(type: "INTEGER", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    source = table.Column<string>(type: "TEXT", nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_appointment_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_appointment_changes_appointments_appointment_id",
                        column: x => x.appointment_id,
                        principalTable: "appointments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

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
                    imported_at = table.Column<long>(type: "INTEGER", nullable: false),
                    enrollment_outcome = table.Column<string>(type: "TEXT", nullable: true),
                    source_reference = table.Column<string>(type: "TEXT", nullable: true),
                    enrollment_id = table.Column<long>(type: "INTEGER", nullable: true)
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
                    appointment_id = table.Column<long>(type: "INTEGER", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    enrolled_at = table.Column<long>(type: "INTEGER", nullable: false),
                    ended_at = table.Column<long>(type: "INTEGER", nullable: true),
                    end_reason = table.Column<string>(type: "TEXT", nullable: true),
                    touches_sent = table.Column<int>(type: "INTEGER", nullable: false),
                    unengaged_touches = table.Column<int>(type: "INTEGER", nullable: false),
                    last_engaged_at = table.Column<long>(type: "INTEGER", nullable: true),
                    plan_pending = table.Column<bool>(type: "INTEGER", nullable: false),
                    plan_after_step = table.Column<string>(type: "TEXT", nullable: true),
                    plan_after_index = table.Column<int>(type: "INTEGER", nullable: true),
                    plan_from = table.Column<long>(type: "INTEGER", nullable: true),
                    plan_after_touch = table.Column<long>(type: "INTEGER", nullable: true)
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
                name: "touches",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    enrollment_id = table.Column<long>(type: "INTEGER", nullable: false),
                    contact_id = table.Column<long>(type: "INTEGER", nullable: false),
                    step_index = table.Column<int>(type: "INTEGER", nullable: false),
                    step_id = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    stage = table.Column<string>(type: "TEXT", nullable: false),
                    location_id = table.Column<string>(type: "TEXT", nullable: false),
                    due_at = table.Column<long>(type: "INTEGER", nullable: false),
                    care = table.Column<bool>(type: "INTEGER", nullable: false),
                    not_after = table.Column<long>(type: "INTEGER", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
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
                    delivery_status = table.Column<string>(type: "TEXT", nullable: true),
                    delivery_error = table.Column<string>(type: "TEXT", nullable: true),
                    wait_deadline = table.Column<long>(type: "INTEGER", nullable: true),
                    template = table.Column<string>(type: "TEXT", nullable: true),
                    variant = table.Column<string>(type: "TEXT", nullable: true),
                    slot_links = table.Column<string>(type: "TEXT", nullable: true),
                    template_path = table.Column<string>(type: "TEXT", nullable: true),
                    template_hash = table.Column<string>(type: "TEXT", nullable: true),
                    layout_path = table.Column<string>(type: "TEXT", nullable: true),
                    layout_hash = table.Column<string>(type: "TEXT", nullable: true),
                    content_commit = table.Column<string>(type: "TEXT", nullable: true),
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
                name: "ix_appointment_changes_appointment_id",
                table: "appointment_changes",
                column: "appointment_id");

            migrationBuilder.CreateIndex(
                name: "ix_appointments_booking_id",
                table: "appointments",
                column: "booking_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_appointments_contact_id",
                table: "appointments",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ix_appointments_location_id_status",
                table: "appointments",
                columns: new[] { "location_id", "status" });

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
                name: "ix_content_changes_location_id_created_at",
                table: "content_changes",
                columns: new[] { "location_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_content_changes_status",
                table: "content_changes",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_enrollments_contact_id_sequence_id",
                table: "enrollments",
                columns: new[] { "contact_id", "sequence_id" },
                unique: true,
                filter: "status = 'active' AND appointment_id IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_enrollments_lead_id",
                table: "enrollments",
                column: "lead_id");

            migrationBuilder.CreateIndex(
                name: "ix_enrollments_location_id_status",
                table: "enrollments",
                columns: new[] { "location_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_enrollments_plan_pending",
                table: "enrollments",
                column: "plan_pending",
                filter: "plan_pending");

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
                name: "ix_fhir_write_backs_kind_hand_off_id",
                table: "fhir_write_backs",
                columns: new[] { "kind", "hand_off_id" },
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

            migrationBuilder.CreateIndex(
                name: "ix_hand_offs_contact_id_reason",
                table: "hand_offs",
                columns: new[] { "contact_id", "reason" });

            migrationBuilder.CreateIndex(
                name: "ix_hand_offs_notified_at",
                table: "hand_offs",
                column: "notified_at");

            migrationBuilder.CreateIndex(
                name: "ix_inbound_messages_message_sid",
                table: "inbound_messages",
                column: "message_sid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_leads_contact_id",
                table: "leads",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ix_leads_enrollment_outcome",
                table: "leads",
                column: "enrollment_outcome");

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
                name: "ix_leads_source_reference",
                table: "leads",
                column: "source_reference");

            migrationBuilder.CreateIndex(
                name: "ix_privacy_audit_at",
                table: "privacy_audit",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_rejected_leads_import_id",
                table: "rejected_leads",
                column: "import_id");

            migrationBuilder.CreateIndex(
                name: "ix_score_changes_contact_id_at",
                table: "score_changes",
                columns: new[] { "contact_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_suppressions_channel_address",
                table: "suppressions",
                columns: new[] { "channel", "address" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_touches_contact_id",
                table: "touches",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ix_touches_enrollment_id",
                table: "touches",
                column: "enrollment_id");

            migrationBuilder.CreateIndex(
                name: "ix_touches_provider_message_id",
                table: "touches",
                column: "provider_message_id");

            migrationBuilder.CreateIndex(
                name: "ix_touches_status_due_at",
                table: "touches",
                columns: new[] { "status", "due_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "appointment_changes");

            migrationBuilder.DropTable(
                name: "contact_events");

            migrationBuilder.DropTable(
                name: "content_changes");

            migrationBuilder.DropTable(
                name: "fhir_watermarks");

            migrationBuilder.DropTable(
                name: "fhir_write_backs");

            migrationBuilder.DropTable(
                name: "hand_offs");

            migrationBuilder.DropTable(
                name: "inbound_messages");

            migrationBuilder.DropTable(
                name: "privacy_audit");

            migrationBuilder.DropTable(
                name: "rejected_events");

            migrationBuilder.DropTable(
                name: "rejected_leads");

            migrationBuilder.DropTable(
                name: "score_changes");

            migrationBuilder.DropTable(
                name: "suppressions");

            migrationBuilder.DropTable(
                name: "touches");

            migrationBuilder.DropTable(
                name: "appointments");

            migrationBuilder.DropTable(
                name: "enrollments");

            migrationBuilder.DropTable(
                name: "leads");

            migrationBuilder.DropTable(
                name: "contacts");

            migrationBuilder.DropTable(
                name: "imports");
        }
    }
}
