using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yunwei.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AssetRelations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AssetRelations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClientUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromAssetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ToAssetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssetRelations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssetRelations_Assets_FromAssetId",
                        column: x => x.FromAssetId,
                        principalTable: "Assets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AssetRelations_Assets_ToAssetId",
                        column: x => x.ToAssetId,
                        principalTable: "Assets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AssetRelations_ClientUnits_ClientUnitId",
                        column: x => x.ClientUnitId,
                        principalTable: "ClientUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssetRelations_ClientUnitId",
                table: "AssetRelations",
                column: "ClientUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_AssetRelations_FromAssetId_ToAssetId_Kind",
                table: "AssetRelations",
                columns: new[] { "FromAssetId", "ToAssetId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AssetRelations_ToAssetId",
                table: "AssetRelations",
                column: "ToAssetId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssetRelations");
        }
    }
}
