using QSLM.Errors;
using QSLM.Sensors.Export;

namespace QSLM.Sensors.Tests.Export;

/// <summary>INA219 logger CSVs with absurd rows: each bad row is skipped and counted; a header naming other columns refuses the file.</summary>
public class Ina219CsvImportTests
{
    [Theory]
    [InlineData("NaN,12.0,1.0", "three finite numbers")]
    [InlineData("0.5,NaN,1.0", "three finite numbers")]
    [InlineData("0.5,12.0,Infinity", "three finite numbers")]
    [InlineData("1e308,12.0,1.0", "time 1E+308 s is outside")]
    [InlineData("-0.5,12.0,1.0", "is outside 0 to")]
    [InlineData("0.005,12.0,1.0", "does not increase")]
    [InlineData("0.5,1e308,1.0", "bus voltage")]
    [InlineData("0.5,-12.0,1.0", "bus voltage")]
    [InlineData("0.5,12.0,1e308", "current 1E+308 A")]
    [InlineData("0.5,12.0,-1e308", "current -1E+308 A")]
    [InlineData("9223372036854775807,12.0,1.0", "is outside")]
    [InlineData("0.5,12.0,99999999999999999999999999", "current")]
    [InlineData("0.5,12.0", "three finite numbers")]
    public void An_absurd_row_is_skipped_and_counted_and_the_rest_imports(string bad, string reason)
    {
        var result = LogImport.Import(LogFormat.Ina219Csv, ["time_s,bus_v,current_a", "0.010,12.0,1.5", bad, "1.000,12.0,-0.5"], TimeSpan.FromSeconds(1));

        Assert.Equal([18.0, -6.0], result.Readings.Select(r => (double)r.Power.Watts));
        Assert.Equal([0.01, 1.0], result.Readings.Select(r => r.Timestamp.TotalSeconds));
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal(3, skipped.LineNumber);
        Assert.Contains(reason, skipped.Reason);
    }

    [Fact]
    public void Times_going_backwards_skip_each_row_until_time_moves_on()
    {
        var result = LogImport.Import(LogFormat.Ina219Csv, ["0.0,5,1", "2.0,5,1", "1.0,5,1", "1.5,5,1", "2.0,5,1", "3.0,5,1"], TimeSpan.FromSeconds(1));

        Assert.Equal([0.0, 2.0, 3.0], result.Readings.Select(r => r.Timestamp.TotalSeconds));
        Assert.Equal([3, 4, 5], result.Skipped.Select(s => s.LineNumber));
    }

    [Theory]
    [InlineData("time_s,current_a,bus_v")]
    [InlineData("bus_v,time_s,current_a")]
    [InlineData("time_s,bus_v,current_a,power_w")]
    public void A_header_naming_other_columns_refuses_the_file_with_its_name_and_line(string header)
    {
        var e = Assert.Throws<InputException>(() =>
            LogImport.Import(LogFormat.Ina219Csv, new StringReader(header + "\n0.0,1.5,12.0\n"), "bench.csv", new StringWriter(), TimeSpan.FromSeconds(1)));

        Assert.StartsWith($"bench.csv:1: the header '{header}' is not 'time_s,bus_v,current_a'", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_damaged_first_row_is_a_skipped_row_not_a_header()
    {
        var result = LogImport.Import(LogFormat.Ina219Csv, ["0.0,12,1x", "1.0,12,1"], TimeSpan.FromSeconds(1));

        Assert.Single(result.Readings);
        Assert.Equal(1, Assert.Single(result.Skipped).LineNumber);
    }
}
