using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NurtureHealth.Storage.Migrations
{
    /// <inheritdoc />
    public partial class DeliveryAndSuppression : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "delivery_error",
                table: "touches",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "delivery_status",
                table: "touches",
                type: "TEXT",
                nullable: true);

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

            migrationBuilder.CreateIndex(
                name: "ix_touches_provider_message_id",
                table: "touches",
                column: "provider_message_id");

            migrationBuilder.CreateIndex(
                name: "ix_suppressions_channel_address",
                table: "suppressions",
                columns: new[] { "channel", "address" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "suppressions");

            migrationBuilder.DropIndex(
                name: "ix_touches_provider_message_id",
                table: "touches");

            migrationBuilder.DropColumn(
                name: "delivery_error",
                table: "touches");

            migrationBuilder.DropColumn(
                name: "delivery_status",
                table: "touches");
        }
    }
}
