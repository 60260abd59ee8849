using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Yunwei.Data;

namespace Yunwei.Testing;

/// <summary>
/// The app run as a separate process on a free loopback port (the load harness, the crash tests): a real
/// Kestrel, a real database, a SIGKILL that runs no shutdown code or a SIGTERM as a service manager stops it.
/// Compiled into bench/ and tests/.
/// </summary>
internal sealed partial class AppProcess : IDisposable
{
    private readonly Process _process;

    private AppProcess(Process process, Uri baseAddress, long startup)
    {
        _process = process;
        BaseAddress = baseAddress;
        StartupMilliseconds = startup;
    }

    public Uri BaseAddress { get; }

    /// <summary>From the process start to the first ready answer of /health/ready.</summary>
    public long StartupMilliseconds { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The folder of Yunwei.slnx above the running assembly.</summary>
    public static string RepositoryRoot()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Yunwei.slnx")))
        {
            root = Path.GetDirectoryName(root.TrimEnd('/')) ?? throw new InvalidOperationException("Run from the repository's build output.");
        }

        return root;
    }

    /// <summary>The app's own build output in src/ (its static web assets manifest lives there), same configuration as the caller.</summary>
    public static string BuildOutput()
    {
        var root = RepositoryRoot();
        var configuration = AppContext.BaseDirectory.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        return Path.Combine(root, "src", "Yunwei.Web", "bin", configuration, "net10.0", "Yunwei.Web.dll");
    }

    /// <summary>
    /// Starts <paramref name="dll"/> in <paramref name="folder"/> (uploaded files go below it) and returns once
    /// /health/ready answers. <paramref name="log"/> receives what the app writes (warnings and errors only).
    /// </summary>
    public static async Task<AppProcess> StartAsync(string dll, DatabaseSettings database, IDictionary<string, string> settings, string folder, Action<string>? log = null)
    {
        var port = FreePort();
        var info = Info(dll, [], database, folder);
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        foreach (var (key, value) in settings)
        {
            info.Environment[key] = value;
        }

        var watch = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException("The app did not start.");
        DataReceivedEventHandler forward = (_, e) =>
        {
            if (e.Data is not null)
            {
                log?.Invoke(e.Data);
            }
        };
        process.OutputDataReceived += forward;
        process.ErrorDataReceived += forward;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var address = new Uri($"http://127.0.0.1:{port}");
        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {process.ExitCode} before it was ready.");
            }

            if (deadline.Elapsed > TimeSpan.FromMinutes(2))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("The app was not ready within two minutes.");
            }

            try
            {
                using var ready = await probe.GetAsync("/health/ready");
                if (ready.IsSuccessStatusCode)
                {
                    return new AppProcess(process, address, watch.ElapsedMilliseconds);
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            // Polling a port for readiness; no deadline of the app's rules depends on this wait.
            await Task.Delay(20);
        }
    }

    /// <summary>Runs one of the app's commands (e.g. <c>verify-audit</c>) on the database to its end: exit code and output.</summary>
    public static Task<(int ExitCode, string Output)> RunCommandAsync(string dll, DatabaseSettings database, string folder, string command) =>
        RunAsync(Info(dll, [command], database, folder));

    /// <summary>Runs a program to its end (its output redirected): exit code and what it wrote.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Signs <paramref name="http"/> (with a cookie container) in through the login form, as a browser does.</summary>
    public static async Task SignInAsync(HttpClient http, string user, string password)
    {
        var page = await http.GetStringAsync("/account/login");
        var token = TokenPattern().Match(page).Groups[1].Value;
        using var response = await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = user,
            ["Input.Password"] = password,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("login", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"Sign-in as {user} failed: {(int)response.StatusCode} {response.Headers.Location}");
        }

        // From now on the client's requests say where they come from, as a page's own requests do: the app
        // refuses a change made with the sign-in cookie from another origin (Security.UseCookieForgeryCheck).
        http.DefaultRequestHeaders.Remove("Origin");
        http.DefaultRequestHeaders.Add("Origin", http.BaseAddress!.GetLeftPart(UriPartial.Authority));
    }

    public long RssMiB() => Status("VmRSS:");

    /// <summary>The names of the files the app has mapped (assemblies, native libraries), from /proc/PID/maps.</summary>
    public IReadOnlySet<string> MappedFiles() =>
        File.ReadLines($"/proc/{_process.Id}/maps")
            .Select(l => l.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 6 && f[5].StartsWith('/'))
            .Select(f => Path.GetFileName(f[5]))
            .ToHashSet(StringComparer.Ordinal);

    public long PeakRssMiB() => Status("VmHWM:");

    /// <summary>User plus system CPU time the app has used so far (/proc/PID/stat, 100 ticks a second).</summary>
    public long CpuMilliseconds()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10;
    }

    /// <summary>SIGTERM, as systemd or Ctrl+C stops the app: waits for it to shut down and returns its exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        using (var signal = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(wait.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed by the app.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private long Status(string key)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>The app in <paramref name="folder"/> on the database, in production mode, logging warnings and errors only.</summary>
    private static ProcessStartInfo Info(string dll, string[] args, DatabaseSettings database, string folder)
    {
        var info = new ProcessStartInfo("dotnet", [dll, .. args])
        {
            WorkingDirectory = folder,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Database__Provider"] = database.Provider.ToString();
        info.Environment[database.Provider == DatabaseProviderKind.Postgres ? "ConnectionStrings__Postgres" : "ConnectionStrings__Sqlite"] = database.ConnectionString;
        info.Environment["Files__Root"] = Path.Combine(folder, "files");
        return info;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
