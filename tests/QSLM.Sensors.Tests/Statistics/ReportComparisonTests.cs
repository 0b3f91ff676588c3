using QSLM.Sensors.Board;
using QSLM.Sensors.Sampling;

namespace QSLM.Sensors.Tests.Statistics;

public class ReportComparisonTests
{
    private static EnergyReport Report(string source, double[] watts, long tokens, bool idleSubtracted = false, double seconds = 10) =>
        new(SourceTag.Parse(source), 2.0, 100, idleSubtracted,
            [.. watts.Select((w, i) => new WindowResult(i, TimeSpan.FromSeconds(20 * i), TimeSpan.FromSeconds((20 * i) + seconds), 1000, 0, w * seconds, w, tokens))]);

    [Fact]
    public void Compares_energy_per_token_when_the_lower_power_candidate_is_also_slower()
    {
        // B draws 5% less but completes 20% fewer tokens: more energy per token.
        var a = Report("measured:jetson-VDD_IN", [10.0, 10.1, 9.9, 10.05, 9.95], tokens: 1000);
        var b = Report("measured:jetson-VDD_IN", [9.5, 9.6, 9.4, 9.55, 9.45], tokens: 800);

        var power = ReportComparison.Compare("A", a, "B", b, ReportQuantity.Power);
        var energy = ReportComparison.Compare("A", a, "B", b, ReportQuantity.EnergyPerToken);

        Assert.True(power.RelativeDifference < 0 && power.Distinguishable);
        Assert.True(energy.RelativeDifference > 0 && energy.Distinguishable);
        Assert.StartsWith("energy per token (measured:jetson-VDD_IN)", energy.Summary());
        Assert.Contains("n = 5 windows of 10.0 s", energy.Summary());
    }

    [Theory]
    [InlineData("simulated:x", false, 10, "not compared")]
    [InlineData("measured:jetson-VDD_IN", true, 10, "idle")]
    [InlineData("measured:jetson-VDD_IN", false, 12, "differ in length")]
    public void Incomparable_reports_are_refused(string sourceB, bool idleB, double secondsB, string message)
    {
        var a = Report("measured:jetson-VDD_IN", [10.0, 10.1, 9.9], 1000);
        var b = Report(sourceB, [9.5, 9.6, 9.4], 1000, idleB, secondsB);
        Assert.Contains(message, Assert.Throws<ArgumentException>(() => ReportComparison.Compare("A", a, "B", b, ReportQuantity.Power)).Message);
    }
}
