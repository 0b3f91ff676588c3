using System.Diagnostics;
using QSLM.Sensors.Board.Discovery;
using QSLM.Sensors.Board.Timing;
using UnitsNet;

namespace QSLM.Sensors.Board.NvidiaSmi;

/// <summary>
/// A GPU's board power from a streaming <c>nvidia-smi -lms N</c> (see <see cref="NvidiaSmiParser"/>):
/// each <see cref="ReadAsync"/> takes the next line and stamps it with the sampling clock on arrival. A line
/// that does not parse, or <c>[N/A]</c>, gives an invalid reading and is counted in <see cref="Skipped"/>.
/// </summary>
public sealed class NvidiaSmiSensor : IPowerSensor
{
    private readonly TextReader _stream;
    private readonly TimeProvider _clock;
    private readonly IDisposable? _owner;

    /// <summary>Reads an already open stream of nvidia-smi CSV lines (a process's output, or a recording).</summary>
    public NvidiaSmiSensor(TextReader stream, TimeProvider clock, TimeSpan period, int gpu = 0, IDisposable? owner = null)
    {
        _stream = stream;
        _clock = clock;
        _owner = owner;
        MinimumInterval = period;
        Id = SensorIds.NvidiaSmiId(gpu);
        Source = SourceTag.Measured(Id);
    }

    /// <summary>Starts <c>nvidia-smi</c> streaming GPU <paramref name="gpu"/> every <paramref name="periodMs"/> ms.</summary>
    public static NvidiaSmiSensor Start(TimeProvider clock, int periodMs = 10, int gpu = 0, string executable = "nvidia-smi")
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in NvidiaSmiParser.Arguments(periodMs, gpu)) start.ArgumentList.Add(a);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        return new NvidiaSmiSensor(process.StandardOutput, clock, TimeSpan.FromMilliseconds(periodMs), gpu, new ProcessOwner(process));
    }

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public SourceTag Source { get; }

    /// <inheritdoc />
    public TimeSpan MinimumInterval { get; }

    /// <summary>Lines that gave no power (malformed or [N/A]).</summary>
    public int Skipped { get; private set; }

    /// <inheritdoc />
    public ValueTask<PowerReading> ReadAsync(CancellationToken cancel = default) => ValueTask.FromResult(Read());

    private PowerReading Read()
    {
        while (true)
        {
            var line = _stream.ReadLine();
            var now = SensorClock.Now(_clock);
            if (line is null) return PowerReading.Invalid(now, Source, "nvidia-smi stream ended");
            var (sample, reason) = NvidiaSmiParser.Parse(line);
            if (sample?.Watts is { } watts) return new PowerReading { Timestamp = now, Power = Power.FromWatts(watts), Source = Source };
            if (reason is null) continue; // the header line
            Skipped++;
            return PowerReading.Invalid(now, Source, "nvidia-smi: " + reason);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _owner?.Dispose();
        _stream.Dispose();
    }

    private sealed class ProcessOwner(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited) process.Kill();
            process.WaitForExit();
            process.Dispose();
        }
    }
}
