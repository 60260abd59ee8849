using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yunwei.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AuditChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "AuditEntries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Sequence",
                table: "AuditEntries",
                column: "Sequence",
                unique: true);

            // Append-only still, except that the sealer gives an unsealed entry its place and hash once.
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AuditEntries_no_update\";");
            migrationBuilder.Sql("CREATE TRIGGER \"AuditEntries_no_update\" BEFORE UPDATE ON \"AuditEntries\" WHEN NOT (OLD.\"Sequence\" IS NULL AND OLD.\"Hash\" IS NULL AND NEW.\"Id\" IS OLD.\"Id\" AND NEW.\"At\" IS OLD.\"At\" AND NEW.\"UserId\" IS OLD.\"UserId\" AND NEW.\"UserName\" IS OLD.\"UserName\" AND NEW.\"ClientUnitId\" IS OLD.\"ClientUnitId\" AND NEW.\"Entity\" IS OLD.\"Entity\" AND NEW.\"EntityKey\" IS OLD.\"EntityKey\" AND NEW.\"Action\" IS OLD.\"Action\" AND NEW.\"Changes\" IS OLD.\"Changes\") BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AuditEntries_no_update\";");
            migrationBuilder.Sql("CREATE TRIGGER \"AuditEntries_no_update\" BEFORE UPDATE ON \"AuditEntries\" BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_Sequence",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "AuditEntries");
        }
    }
}
