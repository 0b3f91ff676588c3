using Microsoft.Extensions.Time.Testing;
using QSLM.Sensors.Board.Ina219;
using QSLM.Sensors.Board.Simulation;
using QSLM.Sensors.Sampling;
using QSLM.Sensors.Statistics;
using QSLM.Sensors.Tests.Timing;
using UnitsNet;

namespace QSLM.Sensors.Tests.Statistics;

public class CandidateComparerTests
{
    /// <summary>A board running a candidate of <paramref name="watts"/> mean draw: each window's level drifts by
    /// about 1% and every instant is noisy by ±5%, both from <paramref name="seed"/>.</summary>
    private sealed class NoisyBoard(FakeTimeProvider clock, double watts, int seed) : IWorkload
    {
        private readonly Random _random = new(seed);
        private double _level = 2.0;
        private bool _running;

        public double Watts(TimeSpan t)
        {
            // Deterministic per-millisecond noise: the same instant always draws the same.
            var ms = (long)t.TotalMilliseconds;
            var noise = ((int)((ms * 2654435761L + seed) % 1000) / 1000.0 - 0.5) * 0.1;
            return _running ? _level * (1 + noise) : 2.0;
        }

        public void Start(int repeat)
        {
            _level = watts * (1 + 0.01 * Gaussian());
            _running = true;
        }

        public long Stop(int repeat)
        {
            _running = false;
            return 1000;
        }

        private double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());

        public double[] MeasureWindows()
        {
            var device = new SimulatedIna219(SimulatedLoad.FromFunction(ElectricPotential.FromVolts(5), Watts, "noisy-board"), clock);
            using var sensor = new Ina219Sensor(device, new Ina219Settings { BusAdc = Ina219Adc.Samples8, ShuntAdc = Ina219Adc.Samples8 }, clock);
            var report = clock.Run(() => RepeatedMeasurement.RunAsync(new Sampler(sensor, clock), new LabWindowRules(), this));
            return [.. report.Windows.Select(w => w.MeanWatts)];
        }
    }

    [Fact]
    public void A_real_5_percent_difference_in_noisy_simulated_traces_is_detected()
    {
        var a = new NoisyBoard(FakeClocks.Create(), 10.0, seed: 1).MeasureWindows();
        var b = new NoisyBoard(FakeClocks.Create(), 9.5, seed: 2).MeasureWindows();

        var result = CandidateComparer.Compare("A", a, "B", b, new ComparisonOptions { Window = TimeSpan.FromSeconds(10) });

        Assert.Equal(5, result.A.N);
        Assert.True(result.Distinguishable, result.Summary());
        Assert.InRange(result.RelativeDifference, -0.07, -0.03);
        Assert.True(result.High < 0);
        Assert.Contains("B is lower than A by", result.Verdict);
        Assert.Contains("n = 5 windows of 10.0 s", result.Summary());
        Assert.Contains("(95% CI ", result.Summary());
        Assert.Matches(@"^B is lower than A by \d\.\d%$", result.Verdict);
    }

    [Fact]
    public void Two_draws_of_the_same_distribution_are_not_distinguishable()
    {
        var a = new NoisyBoard(FakeClocks.Create(), 10.0, seed: 3).MeasureWindows();
        var b = new NoisyBoard(FakeClocks.Create(), 10.0, seed: 4).MeasureWindows();

        var result = CandidateComparer.Compare("A", a, "B", b);

        Assert.False(result.Distinguishable, result.Summary());
        Assert.True(result.Low < 0 && result.High > 0);
        Assert.Equal("not distinguishable", result.Verdict);
    }

    [Fact]
    public void Same_distribution_is_called_different_rarely_and_a_5_percent_shift_almost_always()
    {
        var random = new Random(11);
        double Draw(double mean) => mean * (1 + 0.01 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        var options = new ComparisonOptions { Resamples = 2_000 };
        int falseAlarms = 0, detections = 0;
        const int Trials = 100;
        for (var t = 0; t < Trials; t++)
        {
            var a = Enumerable.Range(0, 10).Select(_ => Draw(10)).ToArray();
            var same = Enumerable.Range(0, 10).Select(_ => Draw(10)).ToArray();
            var lower = Enumerable.Range(0, 10).Select(_ => Draw(9.5)).ToArray();
            if (CandidateComparer.Compare("A", a, "A'", same, options with { Seed = t }).Distinguishable) falseAlarms++;
            if (CandidateComparer.Compare("A", a, "B", lower, options with { Seed = t }).Distinguishable) detections++;
        }
        Assert.InRange(falseAlarms, 0, 12);
        Assert.InRange(detections, 98, Trials);
    }

    [Fact]
    public void The_same_seed_gives_the_same_interval()
    {
        double[] a = [10.1, 9.9, 10.3, 10.0, 9.8];
        double[] b = [9.7, 9.6, 9.9, 9.5, 9.8];
        var first = CandidateComparer.Compare("A", a, "B", b);
        var second = CandidateComparer.Compare("A", a, "B", b);
        Assert.Equal((first.Low, first.High), (second.Low, second.High));
        Assert.Equal((9.7 / 10.02) - 1, first.RelativeDifference, 12);
        Assert.Equal(10.0, first.A.Median);
    }

    [Fact]
    public void Too_few_values_are_refused() =>
        Assert.Throws<ArgumentException>(() => CandidateComparer.Compare("A", [1.0], "B", [1.0, 2.0]));

    [Fact]
    public void Percentiles_interpolate_between_order_statistics()
    {
        double[] sorted = [0, 10, 20, 30, 40];
        Assert.Equal(0, CandidateComparer.Percentile(sorted, 0));
        Assert.Equal(40, CandidateComparer.Percentile(sorted, 1));
        Assert.Equal(25, CandidateComparer.Percentile(sorted, 0.625));
    }
}
