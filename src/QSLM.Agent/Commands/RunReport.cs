using System.Globalization;
using System.Text;
using QSLM.Agent.Diagnostics;
using QSLM.Runtime.Inference;

namespace QSLM.Agent.Commands;

/// <summary>The lines every run ends with: speed, operations, spikes and memory.</summary>
internal static class RunReport
{
    public static void Print(SpikeGptRuntime runtime, TimeSpan elapsed)
    {
        var c = runtime.Counts;
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"tokens: {c.Tokens:N0} in {elapsed.TotalSeconds:F2} s ({c.Tokens / Math.Max(elapsed.TotalSeconds, 1e-9):F1} tokens/s)"));
        if (c.Tokens > 0)
        {
            Console.WriteLine(string.Create(inv, $"operations per token: {c.MultiplyAccumulates / (double)c.Tokens:F0} MAC, {c.Accumulates / (double)c.Tokens:F1} AC"));
            var rates = new StringBuilder(string.Create(inv, $"spike rate: embedding {c.EmbeddingSpikeRate:F4}"));
            for (var b = 0; b < c.Spikes.Length / 2; b++)
                rates.Append(string.Create(inv, $"; block {b} att {c.SpikeRate(2 * b):F4} ffn {c.SpikeRate(2 * b + 1):F4}"));
            Console.WriteLine(rates.ToString());
        }
        var peak = ProcessMemory.PeakResidentBytes();
        Console.WriteLine(peak is null
            ? string.Create(inv, $"peak RSS: unavailable (no /proc); model file {runtime.FileSize:N0} bytes")
            : string.Create(inv, $"peak RSS: {peak:N0} bytes (VmHWM); model file {runtime.FileSize:N0} bytes"));
    }
}
