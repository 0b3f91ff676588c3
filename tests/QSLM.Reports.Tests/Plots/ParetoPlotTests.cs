using QSLM.Reports.Plots;

namespace QSLM.Reports.Tests.Plots;

public sealed class ParetoPlotTests
{
    private static SearchPoint P(int id, string tier, long bytes, double accuracy, bool feasible = true) => new(id, tier, bytes, 1 - bytes / 40e6, accuracy, feasible);

    private static readonly List<SearchPoint> Candidates =
    [
        P(1, "baseline", 40_000_000, 0.815), P(2, "global", 10_000_000, 0.806), P(3, "global", 7_000_000, 0.60, false),
        P(4, "block", 9_000_000, 0.808), P(5, "block", 8_990_000, 0.8079), P(6, "module", 8_980_000, 0.8078),
    ];

    private static SearchPlotData Data(SearchPoint chosen, bool perplexity = false) =>
        new(Candidates, [.. Candidates.Where(c => c.Candidate is 3 or 6 or 4 or 1).OrderBy(c => c.Bytes)], chosen, perplexity, [], null);

    [Fact]
    public void The_legend_is_outside_the_data_the_axes_carry_units_and_every_candidate_is_within_them()
    {
        foreach (var axis in new[] { SizeAxis.Bytes, SizeAxis.Reduction })
        {
            var plot = ParetoPlot.Build(Data(Candidates[3]), axis);
            PlotAssert.Readable(plot, Candidates.Select(c => (PlotAxes.X(c, axis), PlotAxes.Y(c, false))));
            Assert.Equal(axis == SizeAxis.Bytes ? "packed size (MB)" : "memory reduction against fp32 (%)", plot.Axes.Bottom.Label.Text);
            Assert.Equal("accuracy (% on the host; higher is better)", plot.Axes.Left.Label.Text);
        }
    }

    [Fact]
    public void An_accuracy_axis_stays_within_0_and_100_percent_even_for_candidates_at_the_extremes()
    {
        List<SearchPoint> extremes = [P(1, "baseline", 40_000_000, 1.0), P(2, "global", 1_000_000, 0.0, false), P(3, "global", 5_000_000, 0.5)];
        var limits = ParetoPlot.Build(new SearchPlotData(extremes, extremes.OrderBy(c => c.Bytes).ToList(), extremes[2], false, [], null), SizeAxis.Bytes).Axes.GetLimits();
        Assert.Equal(0, limits.Bottom);
        Assert.Equal(100, limits.Top);
        Assert.True(limits.Left >= 0, $"the size axis starts at {limits.Left} MB");
    }

    [Fact]
    public void The_accuracy_axis_runs_over_the_data_not_from_zero()
    {
        var limits = ParetoPlot.Build(Data(Candidates[3]), SizeAxis.Bytes).Axes.GetLimits();
        Assert.InRange(limits.Bottom, 55, 60);
        Assert.InRange(limits.Top, 81.5, 85);
    }

    [Fact]
    public void The_chosen_label_sits_on_the_side_away_from_the_front_line()
    {
        var plot = ParetoPlot.Build(Data(Candidates[3]), SizeAxis.Bytes);
        var label = PlotAssert.Label(plot, "chosen #4");
        // The front rises to the right through the chosen point, so the clear sides are upper left and lower right.
        Assert.True(Math.Sign(label.OffsetX) == -Math.Sign(-label.OffsetY), $"label offset ({label.OffsetX}, {label.OffsetY}) points along the front");
        Assert.NotEqual(0, label.OffsetX);
        Assert.NotEqual(0f, label.LabelBackgroundColor.Alpha);
    }

    [Fact]
    public void The_baseline_label_points_away_from_the_smaller_candidates_to_its_left()
    {
        var label = PlotAssert.Label(ParetoPlot.Build(Data(Candidates[3]), SizeAxis.Bytes), "fp32");
        Assert.True(label.OffsetX > 0 || label.OffsetY < 0, $"label offset ({label.OffsetX}, {label.OffsetY}) points into the front");
    }

    [Fact]
    public void The_front_in_detail_runs_over_the_front_without_the_baseline_and_labels_every_front_candidate()
    {
        var plot = ParetoPlot.Build(Data(Candidates[3]), SizeAxis.Bytes, frontOnly: true);
        var limits = plot.Axes.GetLimits();
        Assert.True(limits.Right < 40, $"the x axis runs to {limits.Right} MB: the baseline is not apart");
        Assert.True(limits.Top <= 100 && limits.Bottom >= 0);
        foreach (var c in Candidates.Where(c => c.Candidate is 3 or 6)) Assert.InRange(c.Bytes / 1e6, limits.Left, limits.Right);
        Assert.Equal(["#3", "#6", "chosen #4"], plot.GetPlottables().OfType<ScottPlot.Plottables.Text>().Select(t => t.LabelText).Order(StringComparer.Ordinal));
        Assert.True(PlotLayout.HasLegendOutside(plot));
    }

    [Fact]
    public void A_perplexity_axis_is_labelled_dimensionless_and_never_runs_below_zero()
    {
        List<SearchPoint> rows = [P(1, "baseline", 40_000_000, 1.1), P(2, "global", 10_000_000, 1.3), P(3, "block", 9_000_000, 1.2)];
        var plot = ParetoPlot.Build(new SearchPlotData(rows, rows.OrderBy(c => c.Bytes).ToList(), rows[2], true, [], null), SizeAxis.Bytes);
        Assert.Equal("perplexity (host, dimensionless; lower is better)", plot.Axes.Left.Label.Text);
        Assert.True(plot.Axes.GetLimits().Bottom >= 0);
    }

    [Fact]
    public void Bunched_candidates_of_different_tiers_get_different_marker_shapes()
    {
        var plot = ParetoPlot.Build(Data(Candidates[3]), SizeAxis.Bytes);
        var series = plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().Where(s => s.LegendText.EndsWith(" tier", StringComparison.Ordinal)).ToList();
        Assert.Equal(["block tier", "global tier", "module tier"], series.Select(s => s.LegendText).Order(StringComparer.Ordinal));
        Assert.Equal(3, series.Select(s => s.MarkerShape).Distinct().Count());
    }
}
