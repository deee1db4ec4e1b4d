using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NurtureHealth.Storage.Migrations
{
    /// <inheritdoc />
    public partial class ScoringAndHandOffs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "score",
                table: "contacts",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<long>(
                name: "score_at",
                table: "contacts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "hand_offs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    contact_id = table.Column<long>(type: "INTEGER", nullable: false),
                    enrollment_id = table.Column<long>(type: "INTEGER", nullable: true),
                    location_id = table.Column<string>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    detail = table.Column<string>(type: "TEXT", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    notified_at = table.Column<long>(type: "INTEGER", nullable: true),
                    notify_outcome = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hand_offs", x => x.id);
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

            migrationBuilder.CreateIndex(
                name: "ix_hand_offs_contact_id_reason",
                table: "hand_offs",
                columns: new[] { "contact_id", "reason" });

            migrationBuilder.CreateIndex(
                name: "ix_hand_offs_notified_at",
                table: "hand_offs",
                column: "notified_at");

            migrationBuilder.CreateIndex(
                name: "ix_score_changes_contact_id_at",
                table: "score_changes",
                columns: new[] { "contact_id", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "hand_offs");

            migrationBuilder.DropTable(
                name: "score_changes");

            migrationBuilder.DropColumn(
                name: "score",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "score_at",
                table: "contacts");
        }
    }
}
