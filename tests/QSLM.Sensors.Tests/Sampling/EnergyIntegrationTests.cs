using QSLM.Sensors.Board;
using QSLM.Sensors.Board.Ina219;
using QSLM.Sensors.Board.Simulation;
using QSLM.Sensors.Sampling;
using QSLM.Sensors.Tests.Simulation;
using QSLM.Sensors.Tests.Timing;
using UnitsNet;

namespace QSLM.Sensors.Tests.Sampling;

public class EnergyIntegrationTests
{
    // Corners deliberately off any sampling grid: a 5 W idle, a ramp to 11.3 W, a plateau, a dip, a tail.
    private static readonly PiecewiseLinearTrace Piecewise = new([
        (TimeSpan.Zero, 5.0),
        (TimeSpan.FromMilliseconds(1_234.5), 5.0),
        (TimeSpan.FromMilliseconds(1_987.3), 11.3),
        (TimeSpan.FromMilliseconds(6_500.7), 11.3),
        (TimeSpan.FromMilliseconds(6_502.1), 7.25),
        (TimeSpan.FromMilliseconds(9_000.9), 9.0),
        (TimeSpan.FromMilliseconds(12_345.6), 6.0),
    ]);

    [Fact]
    public void Trapezoids_are_exact_on_a_linear_trace_and_interpolate_the_window_edges()
    {
        var points = new List<(TimeSpan, double)> { (TimeSpan.FromSeconds(0), 0.0), (TimeSpan.FromSeconds(1), 1.0), (TimeSpan.FromSeconds(2), 2.0) };
        // ∫ t dt from 0.25 to 1.75 = (1.75² - 0.25²) / 2 = 1.5
        Assert.Equal(1.5, EnergyIntegration.Joules(points, TimeSpan.FromSeconds(0.25), TimeSpan.FromSeconds(1.75)), 12);
        Assert.Equal(0.5, EnergyIntegration.Joules(points, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1)) + 0.125, 12);
        // Held flat beyond the last point.
        Assert.Equal(2.0, EnergyIntegration.Joules(points, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3)), 12);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(10.0)]
    [InlineData(50.0)]
    public void Sampled_piecewise_trace_integrates_within_0_1_percent(double intervalMs)
    {
        var clock = FakeClocks.Create();
        clock.Advance(TimeSpan.FromMilliseconds(3.7)); // sampling starts off the trace's corners
        var sampler = new Sampler(new TraceSensor(Piecewise, clock, TimeSpan.FromMilliseconds(intervalMs)), clock);
        var from = sampler.Now;
        var series = clock.Run(() => sampler.CollectAsync(TimeSpan.FromSeconds(12)));
        var to = from + TimeSpan.FromSeconds(12);

        var exact = Piecewise.ExactJoules(from, to);
        Assert.InRange(series.Joules(from, to), exact * 0.999, exact * 1.001);
    }

    [Fact]
    public void Simulated_INA219_trace_integrates_within_0_1_percent()
    {
        var clock = FakeClocks.Create();
        var device = new SimulatedIna219(SimulatedLoad.FromPowerTrace(ElectricPotential.FromVolts(12), Piecewise), clock);
        using var sensor = new Ina219Sensor(device, new Ina219Settings(), clock);
        var sampler = new Sampler(sensor, clock);
        var from = sampler.Now;
        var series = clock.Run(() => sampler.CollectAsync(TimeSpan.FromSeconds(12)));
        var to = from + TimeSpan.FromSeconds(12);

        Assert.Equal(0, series.InvalidCount);
        var exact = Piecewise.ExactJoules(from, to);
        Assert.InRange(series.Joules(from, to), exact * 0.999, exact * 1.001);
    }

    [Fact]
    public void Invalid_samples_are_left_out_of_the_integral()
    {
        var source = SourceTag.Simulated("test");
        var readings = new List<PowerReading>
        {
            new() { Timestamp = TimeSpan.FromSeconds(0), Power = Power.FromWatts(2), Source = source },
            PowerReading.Invalid(TimeSpan.FromSeconds(1), source, "OVF") with { Power = Power.FromWatts(1000) },
            new() { Timestamp = TimeSpan.FromSeconds(2), Power = Power.FromWatts(2), Source = source },
        };
        var series = new SampleSeries(source, readings);

        Assert.Equal(4.0, series.Joules(TimeSpan.Zero, TimeSpan.FromSeconds(2)), 12);
        Assert.Equal(1, series.InvalidCount);
    }

    [Fact]
    public void A_window_that_ends_before_it_starts_is_refused() =>
        Assert.Throws<ArgumentException>(() => EnergyIntegration.Joules([(TimeSpan.Zero, 1.0)], TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)));
}
