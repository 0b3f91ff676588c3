using QSLM.Errors;
using QSLM.Search.Results;
using QSLM.Sensors.Board;

namespace QSLM.Search.Tests.Results;

public sealed class SourceTagCsvConverterTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-log-tag-");

    public void Dispose() => _temp.Dispose();

    private static CandidateRow Row(int id, SourceTag? source) => new()
    {
        Candidate = id, Tier = "block", Precisions = "input=int8 output=int8", Bytes = 1000, MemoryReduction = 0.5, Metric = "accuracy",
        HostValue = 0.79, BoardValue = 0.79, PowerWatts = 3.25, EnergyJoulesPerToken = 0.01, PowerSource = source, Objective = 0.1,
        Feasible = true, Status = "measured",
    };

    [Theory]
    [InlineData("measured:rapl-package-0")]
    [InlineData("measured:ina219-1-0x40")]
    [InlineData("simulated:ina219-default-board")]
    [InlineData("estimated:horowitz-45nm")]
    public void Each_power_source_is_written_as_its_tag_text_and_read_back_as_the_same_tag(string text)
    {
        var path = Path.Combine(_temp.Path, "run.csv");
        using (var log = ResultsLog.Open(path)) log.Append(Row(1, SourceTag.Parse(text)));

        Assert.Equal("1,block,input=int8 output=int8,1000,0.5,accuracy,0.79,0.79,,,3.25,,0.01," + text + ",,,,,,,,,,,0.1,True,measured", File.ReadAllLines(path)[1]);
        using var reopened = ResultsLog.Open(path);
        Assert.Equal(SourceTag.Parse(text), reopened.Rows.Single().PowerSource);
        Assert.Equal(text, reopened.Rows.Single().PowerSource.ToString());
    }

    [Fact]
    public void A_row_without_power_figures_has_an_empty_power_source_field()
    {
        var path = Path.Combine(_temp.Path, "run.csv");
        using (var log = ResultsLog.Open(path)) log.Append(Row(1, null) with { PowerWatts = null, EnergyJoulesPerToken = null });

        Assert.Equal("1,block,input=int8 output=int8,1000,0.5,accuracy,0.79,0.79,,,,,,,,,,,,,,,,,0.1,True,measured", File.ReadAllLines(path)[1]);
        using var reopened = ResultsLog.Open(path);
        Assert.Null(reopened.Rows.Single().PowerSource);
    }

    [Theory]
    [InlineData("sensor ina219:1:0x40")]
    [InlineData("guessed:horowitz-45nm")]
    [InlineData("estimated")]
    public void A_log_whose_power_source_is_not_a_tag_is_refused_as_bad_input_naming_the_file_and_line(string text)
    {
        var path = Path.Combine(_temp.Path, "run.csv");
        using (var log = ResultsLog.Open(path))
        {
            log.Append(Row(1, SourceTag.Estimated("horowitz-45nm")));
            log.Append(Row(2, SourceTag.Estimated("horowitz-45nm")));
        }
        var lines = File.ReadAllLines(path);
        lines[2] = lines[2].Replace("estimated:horowitz-45nm", text, StringComparison.Ordinal);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");

        var e = Assert.Throws<InputException>(() => ResultsLog.Open(path));
        Assert.StartsWith($"{path} line 3:", e.Message, StringComparison.Ordinal);
        Assert.Contains($"'{text}' is not a source tag", e.Message, StringComparison.Ordinal);
    }
}
