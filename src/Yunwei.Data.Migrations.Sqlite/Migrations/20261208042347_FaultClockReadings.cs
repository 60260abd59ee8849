using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yunwei.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FaultClockReadings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ArrivedLate",
                table: "Faults",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ClassificationMinutes",
                table: "Faults",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MissedLevel",
                table: "Faults",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Unclassified",
                table: "Faults",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ArrivedLate",
                table: "Faults");

            migrationBuilder.DropColumn(
                name: "ClassificationMinutes",
                table: "Faults");

            migrationBuilder.DropColumn(
                name: "MissedLevel",
                table: "Faults");

            migrationBuilder.DropColumn(
                name: "Unclassified",
                table: "Faults");
        }
    }
}
