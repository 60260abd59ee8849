using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yunwei.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FaultReportsKnowledge : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FaultReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClientUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FaultId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    Diagnosis = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RootCause = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    EmergencyMeasures = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Fix = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Prevention = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    EngineerSignatureId = table.Column<Guid>(type: "TEXT", nullable: true),
                    EngineerName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EngineerSignedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClientSignatureId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClientName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ClientConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    KnowledgeArticleId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FaultReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FaultReports_Faults_FaultId",
                        column: x => x.FaultId,
                        principalTable: "Faults",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "KnowledgeArticles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClientUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Symptom = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Cause = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Fix = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Prevention = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    SubsystemId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AssetTypeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SourceFaultId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SearchText = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KnowledgeArticles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KnowledgeArticles_ClientUnits_ClientUnitId",
                        column: x => x.ClientUnitId,
                        principalTable: "ClientUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FaultReports_FaultId",
                table: "FaultReports",
                column: "FaultId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_KnowledgeArticles_ClientUnitId_CreatedAt",
                table: "KnowledgeArticles",
                columns: new[] { "ClientUnitId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_KnowledgeArticles_SourceFaultId",
                table: "KnowledgeArticles",
                column: "SourceFaultId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FaultReports");

            migrationBuilder.DropTable(
                name: "KnowledgeArticles");
        }
    }
}
