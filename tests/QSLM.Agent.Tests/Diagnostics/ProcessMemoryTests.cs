using System.Runtime.InteropServices;
using QSLM.Agent.Diagnostics;

namespace QSLM.Agent.Tests.Diagnostics;

public class ProcessMemoryTests
{
    private const string Status = "Name:\tqslm-agent\nVmPeak:\t  812344 kB\nVmHWM:\t   65012 kB\nVmRSS:\t   60480 kB\nThreads:\t12\n";

    [Fact]
    public void Reads_peak_and_current_resident_memory_in_bytes_from_proc_status()
    {
        Assert.Equal(65_012L * 1024, ProcessMemory.Parse(Status, "VmHWM:"));
        Assert.Equal(60_480L * 1024, ProcessMemory.Parse(Status, "VmRSS:"));
    }

    [Fact]
    public void A_missing_or_malformed_field_reads_as_unknown()
    {
        Assert.Null(ProcessMemory.Parse(Status, "VmSwap:"));
        Assert.Null(ProcessMemory.Parse("VmHWM:\tlots\n", "VmHWM:"));
    }

    [Fact]
    public void This_process_has_a_peak_at_least_as_large_as_its_current_resident_set()
    {
        var now = ProcessMemory.ResidentBytes();
        var peak = ProcessMemory.PeakResidentBytes();
        Assert.NotNull(peak);
        Assert.NotNull(now);
        Assert.True(peak >= now && now > 1 << 20, $"peak {peak}, now {now}");
    }

    [Fact]
    public void Resetting_the_peak_forgets_memory_that_was_touched_and_given_back_before()
    {
        const int Megabyte = 1 << 20, Size = 256 * Megabyte;
        // malloc serves this size with its own mapping, and free unmaps it: the pages leave the resident set.
        var block = Marshal.AllocHGlobal(Size);
        var ones = new byte[Megabyte];
        Array.Fill(ones, (byte)1);
        for (var offset = 0; offset < Size; offset += Megabyte) Marshal.Copy(ones, 0, block + offset, Megabyte);
        var high = ProcessMemory.PeakResidentBytes()!.Value;
        Marshal.FreeHGlobal(block);

        Assert.True(ProcessMemory.ResetPeak());
        var after = ProcessMemory.PeakResidentBytes()!.Value;
        Assert.True(after < high - Size / 2, $"peak {after} after the reset, {high} before");
    }
}
