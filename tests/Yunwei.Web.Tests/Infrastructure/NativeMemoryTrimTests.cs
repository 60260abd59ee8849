using System.Runtime.InteropServices;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Tests.Infrastructure;

[CollectionDefinition(nameof(ProcessMemory), DisableParallelization = true)]
public sealed class ProcessMemory;

/// <summary>
/// glibc keeps freed memory inside its arenas; the trim gives whole free pages back. Measured on this test
/// process's own resident set, alone (no other test runs meanwhile).
/// </summary>
[Collection(nameof(ProcessMemory))]
public sealed class NativeMemoryTrimTests
{
    [SkippableFact]
    public void Memory_freed_between_live_blocks_leaves_the_resident_set_only_after_a_trim()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "malloc_trim is glibc's (Linux).");
        const int blocks = 24_000;
        const int size = 4096;
        var pointers = new IntPtr[blocks];
        for (var i = 0; i < blocks; i++)
        {
            pointers[i] = Marshal.AllocHGlobal(size);
            Marshal.WriteByte(pointers[i], 0, 1);
            Marshal.WriteByte(pointers[i], size - 1, 1);
        }

        // Every 16th block stays: the free runs between them cannot go back from the top of the heap.
        for (var i = 0; i < blocks; i++)
        {
            if (i % 16 != 15)
            {
                Marshal.FreeHGlobal(pointers[i]);
            }
        }

        try
        {
            var freed = ResidentMiB();
            NativeMemoryTrim.Trim().ShouldBeTrue("glibc has malloc_trim");
            var trimmed = ResidentMiB();

            (freed - trimmed).ShouldBeGreaterThan(40, $"resident {freed} MiB before the trim, {trimmed} MiB after (~85 MiB of free pages)");
        }
        finally
        {
            for (var i = 15; i < blocks; i += 16)
            {
                Marshal.FreeHGlobal(pointers[i]);
            }
        }
    }

    private static long ResidentMiB() =>
        long.Parse(File.ReadLines("/proc/self/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
}
