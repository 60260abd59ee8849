using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yunwei.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class FaultListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Faults_ClientUnitId_State_NextDeadline_Id",
                table: "Faults");

            migrationBuilder.AddColumn<DateTime>(
                name: "OpenDeadline",
                table: "Faults",
                type: "timestamp with time zone",
                nullable: true);

            // Open faults (new, in progress, restored) get their sort key: the nearest deadline, or last.
            migrationBuilder.Sql("UPDATE \"Faults\" SET \"OpenDeadline\" = COALESCE(\"NextDeadline\", TIMESTAMPTZ '9999-12-31 00:00:00+00') WHERE \"State\" IN (0, 1, 2);");

            migrationBuilder.CreateIndex(
                name: "IX_Faults_ClientUnitId_OpenDeadline_Id",
                table: "Faults",
                columns: new[] { "ClientUnitId", "OpenDeadline", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Faults_ClientUnitId_ReportedAt_Id",
                table: "Faults",
                columns: new[] { "ClientUnitId", "ReportedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Faults_ClientUnitId_OpenDeadline_Id",
                table: "Faults");

            migrationBuilder.DropIndex(
                name: "IX_Faults_ClientUnitId_ReportedAt_Id",
                table: "Faults");

            migrationBuilder.DropColumn(
                name: "OpenDeadline",
                table: "Faults");

            migrationBuilder.CreateIndex(
                name: "IX_Faults_ClientUnitId_State_NextDeadline_Id",
                table: "Faults",
                columns: new[] { "ClientUnitId", "State", "NextDeadline", "Id" });
        }
    }
}
