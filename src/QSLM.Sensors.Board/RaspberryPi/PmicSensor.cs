using System.Diagnostics;
using QSLM.Sensors.Board.Discovery;
using QSLM.Sensors.Board.Timing;
using UnitsNet;

namespace QSLM.Sensors.Board.RaspberryPi;

/// <summary>
/// A Raspberry Pi 5's PMIC as a sensor: each reading runs <c>vcgencmd pmic_read_adc</c> (or the injected
/// reader) and sums V × I over the rails (see <see cref="PmicAdcParser"/>; the 5 V loads are missed).
/// Tagged <c>measured:pi5-pmic</c>. A run costs milliseconds, so the rate is modest.
/// </summary>
public sealed class PmicSensor(TimeProvider clock, Func<string>? readAdc = null) : IPowerSensor
{
    private readonly Func<string> _readAdc = readAdc ?? RunVcgencmd;

    /// <inheritdoc />
    public string Id => SensorIds.PmicId;

    /// <inheritdoc />
    public SourceTag Source { get; } = SourceTag.Measured(SensorIds.PmicId);

    /// <inheritdoc />
    public TimeSpan MinimumInterval { get; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Lines skipped over all readings.</summary>
    public int Skipped { get; private set; }

    /// <inheritdoc />
    public ValueTask<PowerReading> ReadAsync(CancellationToken cancel = default) => ValueTask.FromResult(Read());

    private PowerReading Read()
    {
        var reading = PmicAdcParser.Parse(_readAdc());
        var now = SensorClock.Now(clock);
        Skipped += reading.Skipped.Count;
        var paired = reading.Rails.Where(r => r.Watts is not null).ToList();
        if (paired.Count == 0) return PowerReading.Invalid(now, Source, "vcgencmd pmic_read_adc gave no rail with both current and voltage");
        return new PowerReading
        {
            Timestamp = now,
            Power = Power.FromWatts(reading.TotalWatts),
            Source = Source,
            Rails = [.. paired.Select(r => new RailReading(r.Name, Power.FromWatts(r.Watts!.Value), ElectricCurrent.FromAmperes(r.Amperes!.Value), ElectricPotential.FromVolts(r.Volts!.Value)))],
        };
    }

    private static string RunVcgencmd()
    {
        var start = new ProcessStartInfo("vcgencmd") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("pmic_read_adc");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start vcgencmd");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
