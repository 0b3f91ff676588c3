using QSLM.Harness.Power;

namespace QSLM.Harness.Tests.Power;

public class ClockSyncTests
{
    [Fact]
    public void Exchanges_without_delay_give_the_offset_and_drift_exactly()
    {
        // Agent = host − 990 s + 100 ppm of the host's time since 1000 s.
        static double Agent(double host) => host - 990 + (100e-6 * (host - 1000));
        var exchanges = new[] { 1000.0, 1001, 1030, 1060 }.Select(h => new ClockExchange(h, Agent(h), h)).ToList();

        var sync = ClockSync.Fit(exchanges);

        Assert.Equal(100, sync.DriftPpm, 1e-6);
        Assert.Equal(Agent(sync.ReferenceHostSeconds) - sync.ReferenceHostSeconds, sync.OffsetSeconds, 1e-9);
        Assert.Equal(1045.5, sync.ToHost(Agent(1045.5)), 1e-9);
        Assert.Equal(Agent(1012), sync.ToAgent(1012), 1e-9);
        Assert.Equal(0, sync.ErrorBoundSeconds, 1e-9);
    }

    [Fact]
    public void A_slow_asymmetric_exchange_barely_moves_the_fit_and_the_bound_covers_the_fast_ones()
    {
        // Fast exchanges (1 ms round trips, agent read at the midpoint) and one that took 300 ms, all of it on the way back.
        var exchanges = new List<ClockExchange>
        {
            new(10.000, 15.0005, 10.001),
            new(10.002, 15.0025, 10.003),
            new(10.004, 15.0040, 10.304),
        };

        var sync = ClockSync.Fit(exchanges);

        Assert.Equal(5.0, sync.OffsetSeconds, 0.0005);
        Assert.Equal(0, sync.Drift);
        Assert.InRange(sync.ErrorBoundSeconds, 0.0005, 0.001);
    }

    [Fact]
    public void A_reply_before_its_request_or_no_exchange_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ClockSync.Fit([]));
        Assert.Throws<ArgumentException>(() => ClockSync.Fit([new ClockExchange(2, 5, 1)]));
        Assert.Throws<ArgumentException>(() => ClockSync.Fit([new ClockExchange(1, double.NaN, 2)]));
    }
}
