using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yunwei.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Assessment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AssessmentItems",
                table: "ServiceContracts",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<decimal>(
                name: "BandExcellent",
                table: "ServiceContracts",
                type: "TEXT",
                precision: 5,
                scale: 2,
                nullable: false,
                defaultValue: 90m);

            migrationBuilder.AddColumn<decimal>(
                name: "BandGood",
                table: "ServiceContracts",
                type: "TEXT",
                precision: 5,
                scale: 2,
                nullable: false,
                defaultValue: 75m);

            migrationBuilder.AddColumn<decimal>(
                name: "BandPass",
                table: "ServiceContracts",
                type: "TEXT",
                precision: 5,
                scale: 2,
                nullable: false,
                defaultValue: 60m);

            migrationBuilder.CreateTable(
                name: "QuarterlyAssessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClientUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Quarter = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    IsCurrent = table.Column<bool>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    Inputs = table.Column<string>(type: "TEXT", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Snapshot = table.Column<string>(type: "TEXT", nullable: true),
                    ClientSignatureId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ProviderSignatureId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuarterlyAssessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuarterlyAssessments_ClientUnits_ClientUnitId",
                        column: x => x.ClientUnitId,
                        principalTable: "ClientUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "QuarterlyGoals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClientUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Quarter = table.Column<int>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Weight = table.Column<int>(type: "INTEGER", nullable: false),
                    Progress = table.Column<string>(type: "TEXT", nullable: false),
                    Completion = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: true),
                    AssessmentComment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AssessedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuarterlyGoals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuarterlyGoals_ClientUnits_ClientUnitId",
                        column: x => x.ClientUnitId,
                        principalTable: "ClientUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QuarterlyAssessments_ClientUnitId_Year_Quarter_Version",
                table: "QuarterlyAssessments",
                columns: new[] { "ClientUnitId", "Year", "Quarter", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QuarterlyGoals_ClientUnitId_Year_Quarter_SortOrder",
                table: "QuarterlyGoals",
                columns: new[] { "ClientUnitId", "Year", "Quarter", "SortOrder" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "QuarterlyAssessments");

            migrationBuilder.DropTable(
                name: "QuarterlyGoals");

            migrationBuilder.DropColumn(
                name: "AssessmentItems",
                table: "ServiceContracts");

            migrationBuilder.DropColumn(
                name: "BandExcellent",
                table: "ServiceContracts");

            migrationBuilder.DropColumn(
                name: "BandGood",
                table: "ServiceContracts");

            migrationBuilder.DropColumn(
                name: "BandPass",
                table: "ServiceContracts");
        }
    }
}
