using QSLM.Reports.Plots;
using ScottPlot;

namespace QSLM.Reports.Tests.Plots;

public sealed class LabelLayoutTests
{
    [Fact]
    public void Labels_of_neighbouring_points_do_not_overlap_and_stay_inside_the_axes()
    {
        List<(double X, double Y)> points = [(1.0, 1.0), (1.02, 1.02), (1.04, 1.0), (1.02, 0.98)];
        var plot = new Plot();
        var layout = new LabelLayout((0.9, 1.15), (0.9, 1.1), (1200, 700), points);
        foreach (var p in points) layout.Add(plot, "#123", p, [], Colors.Black);
        var boxes = layout.Placed;
        for (var i = 0; i < boxes.Count; i++)
        {
            Assert.InRange(boxes[i].Left, 0.9, 1.15);
            Assert.InRange(boxes[i].Right, 0.9, 1.15);
            Assert.InRange(boxes[i].Bottom, 0.9, 1.1);
            Assert.InRange(boxes[i].Top, 0.9, 1.1);
            for (var j = 0; j < i; j++)
                Assert.False(boxes[i].Left < boxes[j].Right && boxes[j].Left < boxes[i].Right && boxes[i].Bottom < boxes[j].Top && boxes[j].Bottom < boxes[i].Top, $"labels {j} and {i} overlap");
        }
    }

    [Fact]
    public void A_label_at_the_left_edge_goes_right_rather_than_off_the_axes()
    {
        var layout = new LabelLayout((0, 10), (0, 10), (1200, 700), []);
        var label = layout.Add(new Plot(), "chosen #148", (0.2, 5), [(1, 4), (-1, 6)], Colors.Black);
        Assert.True(label.OffsetX > 0, $"the label goes left (offset {label.OffsetX}) off the axes");
        Assert.True(layout.Placed[0].Left >= 0);
    }
}
