using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Yunwei.Web.Tests.Infrastructure;

/// <summary>
/// A real IMAP server for the tests: Debian's Dovecot, started with its own configuration in a temporary
/// folder on a free 127.0.0.1 port, one mailbox user with a plain password. <c>.ci/run</c> installs
/// dovecot-imapd; without it (and without CI=true) the tests that need it skip with the reason.
/// </summary>
public sealed class ImapServer : IDisposable
{
    public const string Binary = "/usr/sbin/dovecot";
    public const string User = "baoxiu";
    public const string Password = "Mailbox-Pass-1";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "yunwei-imap-" + Guid.NewGuid().ToString("N")[..8]);

    public ImapServer()
    {
        if (!File.Exists(Binary))
        {
            Missing = $"Dovecot is not installed ({Binary}; Debian package dovecot-imapd, installed by .ci/run).";
            return;
        }

        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Directory.CreateDirectory(Path.Combine(_folder, "mail"));
        File.WriteAllText(Path.Combine(_folder, "users"), $"{User}:{{PLAIN}}{Password}::::\n");
        File.WriteAllText(Path.Combine(_folder, "dovecot.conf"), string.Create(CultureInfo.InvariantCulture, $$"""
            base_dir = {{_folder}}/run
            state_dir = {{_folder}}/state
            listen = 127.0.0.1
            protocols = imap
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            log_path = {{_folder}}/log
            mail_location = maildir:{{_folder}}/mail/%u
            mail_uid = mail
            mail_gid = mail
            first_valid_uid = 1
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{_folder}}/users
            }
            userdb {
              driver = static
              args = uid=mail gid=mail home={{_folder}}/mail/%u
            }
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{Port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service stats {
              unix_listener stats-writer {
                mode = 0666
              }
            }
            """));
        Run("chown", $"-R mail:mail {_folder}/mail");
        // Dovecot forks into the background: its output goes to its log, not to pipes this process would wait on.
        var (code, output) = Run(Binary, $"-c {_folder}/dovecot.conf", capture: false);
        if (code != 0)
        {
            Missing = $"Dovecot did not start (exit {code}): {output} {ReadLog()}";
            return;
        }

        // Ready when the port answers (the daemon forks before it listens).
        if (SpinWait.SpinUntil(PortAnswers, TimeSpan.FromSeconds(10)))
        {
            return;
        }

        Missing = "Dovecot did not open its port: " + ReadLog();
    }

    public int Port { get; }

    /// <summary>Why the server is not there, or null when it runs.</summary>
    public string? Missing { get; }

    /// <summary>Skips when Dovecot is missing, except on CI, where it must run.</summary>
    public void Require()
    {
        if (Missing is not null && Environment.GetEnvironmentVariable("CI") == "true")
        {
            throw new InvalidOperationException("CI=true and the IMAP server is missing: " + Missing);
        }

        Skip.If(Missing is not null, Missing);
    }

    private bool PortAnswers()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public string ReadLog() => File.Exists(Path.Combine(_folder, "log")) ? File.ReadAllText(Path.Combine(_folder, "log")) : "";

    public void Dispose()
    {
        if (Missing is null)
        {
            Run(Binary, $"-c {_folder}/dovecot.conf stop");
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Dovecot may still be closing its files; the temporary folder is left to the system.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static (int Code, string Output) Run(string file, string arguments, bool capture = true)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = capture, RedirectStandardError = capture })!;
        var output = capture ? process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd() : "";
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
