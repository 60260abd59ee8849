using Microsoft.Extensions.Logging;

namespace Yunwei.E2E;

/// <summary>
/// What the app under test warned about and what the browser reported as errors, with the time, in
/// artifacts/e2e-logs/{name}.log: a journey that fails on a machine far away (CI) leaves the server's
/// side of the story where <c>.ci/run</c> prints it.
/// </summary>
public sealed class JourneyLog : ILoggerProvider
{
    private readonly StreamWriter _writer;
    private readonly Lock _lock = new();
    private bool _closed;

    public JourneyLog(string folder, string name)
    {
        Directory.CreateDirectory(folder);
        _writer = new StreamWriter(Path.Combine(folder, name + ".log"), append: false) { AutoFlush = true };
    }

    public void Write(string source, string text)
    {
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            _writer.WriteLine($"{TimeProvider.System.GetUtcNow():HH:mm:ss.fff} {source}: {text}");
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
        lock (_lock)
        {
            _closed = true;
            _writer.Dispose();
        }
    }

    private sealed class Logger(JourneyLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log.Write($"app {logLevel} {category}", formatter(state, exception) + (exception is null ? string.Empty : Environment.NewLine + exception));
            }
        }
    }
}
