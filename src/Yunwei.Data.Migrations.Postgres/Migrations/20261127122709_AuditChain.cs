using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yunwei.Data.Migrations.Postgres.Migrations
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
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "AuditEntries",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Sequence",
                table: "AuditEntries",
                column: "Sequence",
                unique: true);

            // Append-only still, except that the sealer gives an unsealed entry its place and hash once.
            migrationBuilder.Sql("CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF TG_OP = 'UPDATE' AND OLD.\"Sequence\" IS NULL AND OLD.\"Hash\" IS NULL AND (NEW.\"Id\", NEW.\"At\", NEW.\"UserId\", NEW.\"UserName\", NEW.\"ClientUnitId\", NEW.\"Entity\", NEW.\"EntityKey\", NEW.\"Action\", NEW.\"Changes\") IS NOT DISTINCT FROM (OLD.\"Id\", OLD.\"At\", OLD.\"UserId\", OLD.\"UserName\", OLD.\"ClientUnitId\", OLD.\"Entity\", OLD.\"EntityKey\", OLD.\"Action\", OLD.\"Changes\") THEN RETURN NEW; END IF; RAISE EXCEPTION 'audit entries are append-only'; END $$;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit entries are append-only'; END $$;");

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
