using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Yunwei.Data;

namespace Yunwei.Bench;

/// <summary>
/// Writes many new entities fast, bypassing change tracking (and so the audit trail): the columns,
/// value converters and parameter types come from the EF model, so a generated row reads back exactly
/// like one the app wrote. SQLite: one prepared INSERT reused inside large transactions;
/// PostgreSQL: binary COPY.
/// </summary>
internal sealed class BulkWriter(YunweiDbContext db)
{
    private const int SqliteRowsPerTransaction = 20_000;

    public async Task WriteAsync<T>(IEnumerable<T> rows)
        where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var columns = entity.GetProperties()
            .Select(p => (Property: p, Column: p.GetColumnName(store)!, Mapping: (RelationalTypeMapping)p.GetRelationalTypeMapping()))
            .ToList();
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }

        if (connection is NpgsqlConnection pg)
        {
            await CopyAsync(pg, table, columns, rows);
        }
        else
        {
            await InsertAsync(connection, table, columns, rows);
        }
    }

    private static object? Value<T>(T row, (IProperty Property, string Column, RelationalTypeMapping Mapping) column)
    {
        var value = column.Property.GetGetter().GetClrValue(row!);
        var converter = column.Mapping.Converter;
        return value is null ? null : converter is null ? value : converter.ConvertToProvider(value);
    }

    private static async Task InsertAsync<T>(DbConnection connection, string table, List<(IProperty Property, string Column, RelationalTypeMapping Mapping)> columns, IEnumerable<T> rows)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Column}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        var parameters = columns.Select((c, i) =>
        {
            var parameter = c.Mapping.CreateParameter(command, $"@p{i}", null, nullable: true);
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();

        DbTransaction? transaction = null;
        var inTransaction = 0;
        try
        {
            foreach (var row in rows)
            {
                if (transaction is null)
                {
                    transaction = await connection.BeginTransactionAsync();
                    command.Transaction = transaction;
                    command.Prepare();
                }

                for (var i = 0; i < columns.Count; i++)
                {
                    parameters[i].Value = Value(row, columns[i]) ?? DBNull.Value;
                }

                await command.ExecuteNonQueryAsync();
                if (++inTransaction == SqliteRowsPerTransaction)
                {
                    await transaction.CommitAsync();
                    await transaction.DisposeAsync();
                    transaction = null;
                    inTransaction = 0;
                }
            }

            if (transaction is not null)
            {
                await transaction.CommitAsync();
            }
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }
        }
    }

    private static async Task CopyAsync<T>(NpgsqlConnection connection, string table, List<(IProperty Property, string Column, RelationalTypeMapping Mapping)> columns, IEnumerable<T> rows)
    {
        // The store type without its length: "character varying(200)" is written as "character varying".
        var types = columns.Select(c => c.Mapping.StoreType.Split('(')[0]).ToArray();
        await using var writer = await connection.BeginBinaryImportAsync(
            $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Column}\""))}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            await writer.StartRowAsync();
            for (var i = 0; i < columns.Count; i++)
            {
                if (Value(row, columns[i]) is { } value)
                {
                    await writer.WriteAsync(value, types[i]);
                }
                else
                {
                    await writer.WriteNullAsync();
                }
            }
        }

        await writer.CompleteAsync();
    }
}
