using System.Globalization;
using Yunwei.Bench;
using Yunwei.Data;

// Yunwei's benchmarks and data generator; docs/benchmarks.md names the command behind each figure.
//   import [rows]                       asset import from Excel into a fresh SQLite file
//   generate --sqlite FILE | --postgres CONN [--units N --faults N --assets N --open N --years N --seed N --until ISO]
//   load --sqlite FILE | --postgres CONN [--clients 1,8,32 --seconds 10 --requests N --warmup S --only NAME --app PATH/Yunwei.Web.dll]
//   sweep --sqlite FILE | --postgres CONN [--due 0,100,1000]
//   micro [BenchmarkDotNet filter arguments]
var command = args.FirstOrDefault();
var options = Options(args.Skip(1));
return command switch
{
    "import" => await Import.RunAsync(args.Length > 1 && int.TryParse(args[1], CultureInfo.InvariantCulture, out var rows) ? rows : 10_000),
    "generate" => await Generate.RunAsync(Database(options), new GenerateOptions
    {
        Units = Int(options, "units", 20),
        Faults = Int(options, "faults", 1_000_000),
        Assets = Int(options, "assets", 100_000),
        Open = Int(options, "open", 10_000),
        Years = Int(options, "years", 3),
        Seed = Int(options, "seed", 20261127),
        Until = options.TryGetValue("until", out var until) ? DateTime.Parse(until, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal) : default,
    }),
    "load" => await Load.RunAsync(Database(options), new LoadOptions
    {
        Clients = [.. (options.GetValueOrDefault("clients") ?? "1,8,32").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))],
        Seconds = Int(options, "seconds", 10),
        MaxRequests = Int(options, "requests", 200_000),
        Only = options.GetValueOrDefault("only"),
        WarmupSeconds = Int(options, "warmup", 5),
        App = options.GetValueOrDefault("app"),
    }),
    "sweep" => await Sweep.RunAsync(Database(options), [.. (options.GetValueOrDefault("due") ?? "0,100,1000").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))]),
    "micro" => Micro.Run([.. args.Skip(1)]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Yunwei.Bench import [rows] | generate|load|sweep --sqlite FILE|--postgres CONN [options] | micro [filter] (see docs/benchmarks.md)");
    return 2;
}

static Dictionary<string, string> Options(IEnumerable<string> args)
{
    var options = new Dictionary<string, string>(StringComparer.Ordinal);
    string? key = null;
    foreach (var arg in args)
    {
        if (arg.StartsWith("--", StringComparison.Ordinal))
        {
            key = arg[2..];
            options[key] = "";
        }
        else if (key is not null)
        {
            options[key] = arg;
            key = null;
        }
    }

    return options;
}

static int Int(Dictionary<string, string> options, string key, int fallback) =>
    options.TryGetValue(key, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

static DatabaseSettings Database(Dictionary<string, string> options) =>
    options.TryGetValue("postgres", out var pg) ? new DatabaseSettings(DatabaseProviderKind.Postgres, pg)
    : options.TryGetValue("sqlite", out var file) ? new DatabaseSettings(DatabaseProviderKind.Sqlite, $"Data Source={Path.GetFullPath(file)}")
    : throw new ArgumentException("Name the database: --sqlite FILE or --postgres CONNECTION-STRING.");
