using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yunwei.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Assets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ClientOwnerId",
                table: "Subsystems",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ProviderOwnerId",
                table: "Subsystems",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AssetTypes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubsystemId = table.Column<Guid>(type: "uuid", nullable: true),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Attributes = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssetTypes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssetTypes_ClientUnits_ClientUnitId",
                        column: x => x.ClientUnitId,
                        principalTable: "ClientUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AssetTypes_Subsystems_SubsystemId",
                        column: x => x.SubsystemId,
                        principalTable: "Subsystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Assets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AssetTypeId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubsystemId = table.Column<Guid>(type: "uuid", nullable: false),
                    LocationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Brand = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    SerialNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    IpAddress = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: true),
                    MacAddress = table.Column<string>(type: "character varying(17)", maxLength: 17, nullable: true),
                    OwnerDepartment = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Custodian = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    PurchaseDate = table.Column<DateOnly>(type: "date", nullable: true),
                    WarrantyEnds = table.Column<DateOnly>(type: "date", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Attributes = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Assets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Assets_AssetTypes_AssetTypeId",
                        column: x => x.AssetTypeId,
                        principalTable: "AssetTypes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Assets_ClientUnits_ClientUnitId",
                        column: x => x.ClientUnitId,
                        principalTable: "ClientUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Assets_Locations_LocationId",
                        column: x => x.LocationId,
                        principalTable: "Locations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Assets_Subsystems_SubsystemId",
                        column: x => x.SubsystemId,
                        principalTable: "Subsystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Subsystems_ClientOwnerId",
                table: "Subsystems",
                column: "ClientOwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Subsystems_ProviderOwnerId",
                table: "Subsystems",
                column: "ProviderOwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Assets_AssetTypeId",
                table: "Assets",
                column: "AssetTypeId");

            migrationBuilder.CreateIndex(
                name: "IX_Assets_ClientUnitId_AssetTypeId_Code",
                table: "Assets",
                columns: new[] { "ClientUnitId", "AssetTypeId", "Code" });

            migrationBuilder.CreateIndex(
                name: "IX_Assets_ClientUnitId_Code",
                table: "Assets",
                columns: new[] { "ClientUnitId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Assets_ClientUnitId_IpAddress",
                table: "Assets",
                columns: new[] { "ClientUnitId", "IpAddress" });

            migrationBuilder.CreateIndex(
                name: "IX_Assets_ClientUnitId_LocationId_Code",
                table: "Assets",
                columns: new[] { "ClientUnitId", "LocationId", "Code" });

            migrationBuilder.CreateIndex(
                name: "IX_Assets_ClientUnitId_SerialNumber",
                table: "Assets",
                columns: new[] { "ClientUnitId", "SerialNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_Assets_ClientUnitId_Status_Code",
                table: "Assets",
                columns: new[] { "ClientUnitId", "Status", "Code" });

            migrationBuilder.CreateIndex(
                name: "IX_Assets_ClientUnitId_SubsystemId_Code",
                table: "Assets",
                columns: new[] { "ClientUnitId", "SubsystemId", "Code" });

            migrationBuilder.CreateIndex(
                name: "IX_Assets_ClientUnitId_WarrantyEnds",
                table: "Assets",
                columns: new[] { "ClientUnitId", "WarrantyEnds" });

            migrationBuilder.CreateIndex(
                name: "IX_Assets_LocationId",
                table: "Assets",
                column: "LocationId");

            migrationBuilder.CreateIndex(
                name: "IX_Assets_SubsystemId",
                table: "Assets",
                column: "SubsystemId");

            migrationBuilder.CreateIndex(
                name: "IX_AssetTypes_ClientUnitId_Name",
                table: "AssetTypes",
                columns: new[] { "ClientUnitId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AssetTypes_SubsystemId",
                table: "AssetTypes",
                column: "SubsystemId");

            migrationBuilder.AddForeignKey(
                name: "FK_Subsystems_AspNetUsers_ClientOwnerId",
                table: "Subsystems",
                column: "ClientOwnerId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_Subsystems_AspNetUsers_ProviderOwnerId",
                table: "Subsystems",
                column: "ProviderOwnerId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Subsystems_AspNetUsers_ClientOwnerId",
                table: "Subsystems");

            migrationBuilder.DropForeignKey(
                name: "FK_Subsystems_AspNetUsers_ProviderOwnerId",
                table: "Subsystems");

            migrationBuilder.DropTable(
                name: "Assets");

            migrationBuilder.DropTable(
                name: "AssetTypes");

            migrationBuilder.DropIndex(
                name: "IX_Subsystems_ClientOwnerId",
                table: "Subsystems");

            migrationBuilder.DropIndex(
                name: "IX_Subsystems_ProviderOwnerId",
                table: "Subsystems");

            migrationBuilder.DropColumn(
                name: "ClientOwnerId",
                table: "Subsystems");

            migrationBuilder.DropColumn(
                name: "ProviderOwnerId",
                table: "Subsystems");
        }
    }
}
