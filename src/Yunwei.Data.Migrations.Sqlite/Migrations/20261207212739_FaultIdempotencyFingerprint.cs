using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yunwei.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FaultIdempotencyFingerprint : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "IdempotencyFingerprint",
                table: "Faults",
                type: "TEXT",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IdempotencyFingerprint",
                table: "Faults");
        }
    }
}
