using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yunwei.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FaultReportSignersFromSignatures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ClientConfirmedAt",
                table: "FaultReports");

            migrationBuilder.DropColumn(
                name: "ClientName",
                table: "FaultReports");

            migrationBuilder.DropColumn(
                name: "EngineerName",
                table: "FaultReports");

            migrationBuilder.DropColumn(
                name: "EngineerSignedAt",
                table: "FaultReports");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ClientConfirmedAt",
                table: "FaultReports",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClientName",
                table: "FaultReports",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EngineerName",
                table: "FaultReports",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "EngineerSignedAt",
                table: "FaultReports",
                type: "TEXT",
                nullable: true);
        }
    }
}
