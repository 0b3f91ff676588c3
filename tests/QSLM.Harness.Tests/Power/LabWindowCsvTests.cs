using QSLM.Harness.Power;
using QSLM.Sensors.Sampling;

namespace QSLM.Harness.Tests.Power;

public class LabWindowCsvTests
{
    [Fact]
    public async Task Every_window_is_a_row_with_its_figures_and_the_quick_mark()
    {
        var board = new FakeBoardWindows { ThrottledRuns = [0], Models = { ["a"] = (4, 100), ["b"] = (2.5, 120) } };
        var result = await new LabMeasurement(board, LabMeter.OnBoard("pmic"), LabWindowRules.QuickPreset).MeasureAsync("a", "b", 1, CancellationToken.None);
        var writer = new StringWriter();

        LabWindowCsv.Write(writer, result);

        var lines = writer.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal(LabWindowCsv.Header, lines[0]);
        Assert.Equal(1 + 1 + 6 + 1, lines.Length);
        Assert.StartsWith("0,idle,-1,1,true,false,false,", lines[1]);
        Assert.Matches(@"^1,(baseline|candidate),0,1,false,true,false,", lines[2]);
        Assert.All(lines.Skip(1), l => Assert.EndsWith(",simulated:fake-board,true", l));
        var header = lines[0].Split(',');
        var idle = lines[1].Split(',');
        Assert.Equal(2.0, double.Parse(idle[Array.IndexOf(header, "gross_w")], System.Globalization.CultureInfo.InvariantCulture), 1e-6);
        Assert.Equal("", idle[Array.IndexOf(header, "gross_j_per_token")]);
    }
}
