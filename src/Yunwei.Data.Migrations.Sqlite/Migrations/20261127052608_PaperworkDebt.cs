using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yunwei.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PaperworkDebt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "VerbalChannel",
                table: "ApprovalRequests",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "VerbalConfirmedAt",
                table: "ApprovalRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VerbalConfirmedBy",
                table: "ApprovalRequests",
                type: "TEXT",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "VerbalChannel",
                table: "ApprovalRequests");

            migrationBuilder.DropColumn(
                name: "VerbalConfirmedAt",
                table: "ApprovalRequests");

            migrationBuilder.DropColumn(
                name: "VerbalConfirmedBy",
                table: "ApprovalRequests");
        }
    }
}
