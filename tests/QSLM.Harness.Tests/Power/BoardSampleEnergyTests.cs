using QSLM.Harness.Power;
using QSLM.Protocol.Messages;
using QSLM.Sensors.Board;

namespace QSLM.Harness.Tests.Power;

public class BoardSampleEnergyTests
{
    private static readonly SourceTag Rapl = SourceTag.Parse("measured:rapl-package-0");

    [Fact]
    public void Power_samples_are_integrated_between_the_marks_across_chunks()
    {
        // 5 W sampled every 0.1 s from 0 to 2 s, in two chunks; the window is 0.5 to 1.5 s.
        var times = Enumerable.Range(0, 21).Select(i => i / 10.0).ToList();
        var chunks = new[]
        {
            new SensorSamples(0, "pmic", "power", "W", Rapl, times[..11], [.. Enumerable.Repeat(5.0, 11)]),
            new SensorSamples(0, "pmic", "power", "W", Rapl, times[11..], [.. Enumerable.Repeat(5.0, 10)]),
            new SensorSamples(0, "thermal", "temperature", "°C", Rapl, times, [.. Enumerable.Repeat(50.0, 21)]),
        };

        var energy = BoardSampleEnergy.Between(chunks, "pmic", 0.5, 1.5);

        Assert.Equal(5.0, energy.Joules, 1e-9);
        Assert.Equal(11, energy.Samples);
        Assert.Equal(Rapl, energy.Source);
    }

    [Fact]
    public void An_energy_counter_is_read_at_the_marks_and_a_wrap_counts_as_nothing()
    {
        // 10 J per second, wrapping from 30 J to 0 at 3.5 s.
        double[] times = [0, 1, 2, 3, 4, 5];
        double[] joules = [0, 10, 20, 30, 5, 15];

        var energy = BoardSampleEnergy.Between([new SensorSamples(0, "rapl", "energy", "J", Rapl, times, joules)], "rapl", 0.5, 2.5);
        var acrossTheWrap = BoardSampleEnergy.Between([new SensorSamples(0, "rapl", "energy", "J", Rapl, times, joules)], "rapl", 2, 5);

        Assert.Equal(20, energy.Joules, 1e-9);
        Assert.Equal(20, acrossTheWrap.Joules, 1e-9);
    }

    [Fact]
    public void No_samples_another_unit_or_two_tags_are_refused()
    {
        double[] times = [0, 1];
        double[] watts = [1, 1];

        Assert.Throws<InvalidDataException>(() => BoardSampleEnergy.Between([], "pmic", 0, 1));
        Assert.Contains("mW", Assert.Throws<InvalidDataException>(() => BoardSampleEnergy.Between([new SensorSamples(0, "pmic", "power", "mW", Rapl, times, watts)], "pmic", 0, 1)).Message);
        var twoTags = new[]
        {
            new SensorSamples(0, "pmic", "power", "W", Rapl, times, watts),
            new SensorSamples(0, "pmic", "power", "W", SourceTag.Simulated("pmic"), times, watts),
        };
        Assert.Contains("one provenance", Assert.Throws<InvalidDataException>(() => BoardSampleEnergy.Between(twoTags, "pmic", 0, 1)).Message);
    }
}
