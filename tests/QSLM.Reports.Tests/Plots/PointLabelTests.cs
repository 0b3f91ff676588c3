using QSLM.Reports.Plots;

namespace QSLM.Reports.Tests.Plots;

public sealed class PointLabelTests
{
    [Theory]
    [InlineData(1, 1, -1, -1, -1, 1)]
    [InlineData(1, -1, -1, 1, 1, 1)]
    public void A_label_on_a_line_goes_to_a_side_the_line_does_not_cross(double nextX, double nextY, double previousX, double previousY, int expectedX, int expectedY)
    {
        var quadrant = PointLabel.AwayFrom((0, 0), [(nextX, nextY), (previousX, previousY)], 1, 1);
        Assert.Equal((expectedX, expectedY), quadrant);
    }

    [Fact]
    public void A_label_beside_points_to_its_left_goes_right()
    {
        var quadrant = PointLabel.AwayFrom((10, 5), [(1, 4), (2, 5), (3, 6)], 10, 2);
        Assert.Equal(1, quadrant.X);
    }
}
