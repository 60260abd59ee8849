using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yunwei.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class FaultListFilterIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Faults_ClientUnitId_Breached_OpenDeadline_Id",
                table: "Faults",
                columns: new[] { "ClientUnitId", "Breached", "OpenDeadline", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Faults_ClientUnitId_Level_OpenDeadline_Id",
                table: "Faults",
                columns: new[] { "ClientUnitId", "Level", "OpenDeadline", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Faults_ClientUnitId_SubsystemId_OpenDeadline_Id",
                table: "Faults",
                columns: new[] { "ClientUnitId", "SubsystemId", "OpenDeadline", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Faults_ClientUnitId_Breached_OpenDeadline_Id",
                table: "Faults");

            migrationBuilder.DropIndex(
                name: "IX_Faults_ClientUnitId_Level_OpenDeadline_Id",
                table: "Faults");

            migrationBuilder.DropIndex(
                name: "IX_Faults_ClientUnitId_SubsystemId_OpenDeadline_Id",
                table: "Faults");
        }
    }
}
