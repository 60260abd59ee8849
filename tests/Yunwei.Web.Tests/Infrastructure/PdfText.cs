using System.Diagnostics;

namespace Yunwei.Web.Tests.Infrastructure;

/// <summary>Reads a PDF back with poppler's pdftotext, as a person would check the printout.</summary>
internal static class PdfText
{
    private const string PdfToText = "/usr/bin/pdftotext";

    public static void Require() =>
        Skip.If(!File.Exists(PdfToText) && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
            "pdftotext not found: apt-get install poppler-utils to read PDFs back.");

    public static async Task<string> OfAsync(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"yunwei-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var info = new ProcessStartInfo(PdfToText, ["-enc", "UTF-8", "-layout", file, "-"]) { RedirectStandardOutput = true };
            using var process = Process.Start(info)!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.ExitCode.ShouldBe(0);
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
