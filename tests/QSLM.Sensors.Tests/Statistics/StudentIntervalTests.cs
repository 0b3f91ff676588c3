using QSLM.Sensors.Statistics;

namespace QSLM.Sensors.Tests.Statistics;

public sealed class StudentIntervalTests
{
    [Fact]
    public void Three_repeats_use_t_with_two_degrees_of_freedom()
    {
        // mean 2, sample sd 1, n 3: half-width = 4.303 * 1 / sqrt(3).
        var (mean, half) = StudentInterval.Of([1.0, 2.0, 3.0]);
        Assert.Equal(2.0, mean, 12);
        Assert.Equal(4.303 / Math.Sqrt(3), half!.Value, 9);
    }

    [Fact]
    public void A_single_value_has_no_interval_and_many_values_use_the_normal_quantile()
    {
        Assert.Null(StudentInterval.Of([5.0]).HalfWidth);
        var values = Enumerable.Range(0, 100).Select(i => (double)(i % 2)).ToList();
        var sd = Math.Sqrt(values.Sum(v => (v - 0.5) * (v - 0.5)) / 99);
        Assert.Equal(1.96 * sd / 10, StudentInterval.Of(values).HalfWidth!.Value, 9);
    }
}
