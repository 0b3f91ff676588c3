using QSLM.Cli.Reports;

namespace QSLM.Cli.Tests.Reports;

public sealed class ParetoFrontTests
{
    private sealed record P(string Name, double Size, double Metric);

    private static List<string> Front(bool higherIsBetter, params P[] points) =>
        ParetoFront.Of(points, p => p.Size, p => p.Metric, higherIsBetter).Select(p => p.Name).ToList();

    [Fact]
    public void For_accuracy_a_point_larger_and_less_accurate_than_another_is_dominated()
    {
        Assert.Equal(["small", "mid", "big"], Front(true,
            new P("big", 10, 0.9), new P("dominated", 8, 0.7), new P("small", 2, 0.6), new P("mid", 5, 0.8)));
    }

    [Fact]
    public void For_perplexity_lower_is_better_so_the_same_points_give_another_front()
    {
        Assert.Equal(["small"], Front(false,
            new P("big", 10, 0.9), new P("dominated", 8, 0.7), new P("small", 2, 0.6), new P("mid", 5, 0.8)));
        Assert.Equal(["small", "mid", "big"], Front(false, new P("big", 10, 100), new P("worse", 8, 130), new P("small", 2, 150), new P("mid", 5, 120)));
    }

    [Fact]
    public void Of_two_points_of_one_size_only_the_better_is_on_the_front()
    {
        Assert.Equal(["good"], Front(true, new P("bad", 4, 0.7), new P("good", 4, 0.8)));
    }

    [Fact]
    public void Of_exact_ties_the_first_given_stands_for_all()
    {
        Assert.Equal(["first", "big"], Front(true, new P("first", 4, 0.8), new P("second", 4, 0.8), new P("big", 9, 0.85)));
    }

    [Fact]
    public void A_larger_point_that_is_only_as_good_is_dominated()
    {
        Assert.Equal(["small"], Front(true, new P("small", 4, 0.8), new P("larger", 6, 0.8)));
    }
}
