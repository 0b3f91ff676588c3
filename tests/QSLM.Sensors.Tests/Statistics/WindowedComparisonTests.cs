using QSLM.Errors;
using QSLM.Sensors.Board;
using QSLM.Sensors.Statistics;
using UnitsNet;

namespace QSLM.Sensors.Tests.Statistics;

public class WindowedComparisonTests
{
    private static List<PowerReading> Trace(double watts, double seconds, int seed, string source = "measured:test")
    {
        var random = new Random(seed);
        var tag = SourceTag.Parse(source);
        return [.. Enumerable.Range(0, (int)(seconds * 10) + 1).Select(i => new PowerReading
        {
            Timestamp = TimeSpan.FromSeconds(i / 10.0),
            Power = Power.FromWatts(watts * (1 + ((random.NextDouble() - 0.5) * 0.2))),
            Source = tag,
        })];
    }

    [Fact]
    public void Window_means_cover_only_complete_windows()
    {
        var means = WindowedComparison.WindowMeans(Trace(5, 35, 1), TimeSpan.FromSeconds(10));
        Assert.Equal(3, means.Count);
        Assert.All(means, m => Assert.Equal(5, m, 0.1));
    }

    [Fact]
    public void Logs_of_a_5_percent_lower_candidate_compare_as_lower()
    {
        var result = WindowedComparison.Compare("A", Trace(10, 100, 1), "B", Trace(9.5, 100, 2), TimeSpan.FromSeconds(10));
        Assert.True(result.Distinguishable, result.Summary());
        Assert.Equal(10, result.A.N);
        Assert.Contains("(measured:test)", result.Summary());
        Assert.Contains("windows of 10.0 s", result.Summary());
    }

    [Fact]
    public void Measured_and_simulated_logs_are_not_compared()
    {
        var e = Assert.Throws<InputException>(() => WindowedComparison.Compare("A", Trace(10, 30, 1), "B", Trace(10, 30, 2, "simulated:x"), TimeSpan.FromSeconds(10)));
        Assert.Contains("not compared", e.Message);
    }

    [Fact]
    public void Too_short_logs_say_how_many_windows_they_have() =>
        Assert.Contains("A has 1", Assert.Throws<InputException>(() => WindowedComparison.Compare("A", Trace(10, 15, 1), "B", Trace(10, 30, 2), TimeSpan.FromSeconds(10))).Message);
}
