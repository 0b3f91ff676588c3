using QSLM.Sensors.Board;
using QSLM.Sensors.Sampling;

namespace QSLM.Harness.Power;

/// <summary>A host meter read by a <see cref="Sampler"/> on a background thread. The sampler's clock must be the
/// clock of <see cref="IBoardWindows.HostSeconds"/> (the system's monotonic clock for a real board).</summary>
public sealed class SamplerHostMeter(Sampler sampler) : IHostMeter
{
    /// <inheritdoc />
    public SourceTag Source => sampler.Source;

    /// <inheritdoc />
    public TimeSpan Interval => sampler.Interval;

    /// <inheritdoc />
    public IHostMeterRecording Start() => new Recording(sampler.StartBackground());

    private sealed class Recording(BackgroundSampling sampling) : IHostMeterRecording
    {
        public SampleSeries Stop() => sampling.Stop();

        public void Dispose() => sampling.Dispose();
    }
}
