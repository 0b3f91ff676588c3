using QSLM.Sensors.Board;
using QSLM.Sensors.Export;

namespace QSLM.Sensors.Tests.Export;

public class LogImportTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void Tegrastats_lines_become_timed_samples_with_rails_and_bad_lines_keep_their_tick()
    {
        string[] lines =
        [
            "RAM 2150/7620MB VDD_IN 4788mW/4788mW VDD_SOC 1441mW/1441mW",
            "RAM 2150/7620MB VDD_IN 47",
            "",
            "RAM 2150/7620MB VDD_IN 5200mW/4900mW VDD_SOC 1500mW/1460mW",
        ];
        var result = LogImport.Import(LogFormat.Tegrastats, lines, Second);

        Assert.Equal([0.0, 2.0], result.Readings.Select(r => r.Timestamp.TotalSeconds));
        Assert.Equal([4.788, 5.2], result.Readings.Select(r => (double)r.Power.Watts));
        Assert.Equal("measured:tegrastats-VDD_IN", result.Readings[0].Source.ToString());
        Assert.Equal(["VDD_IN", "VDD_SOC"], result.Readings[1].Rails.Select(r => r.Name));
        Assert.Equal(2, Assert.Single(result.Skipped).LineNumber);
    }

    [Fact]
    public void Repeated_pmic_outputs_split_into_one_sample_each()
    {
        string[] block = ["VDD_CORE_A current(7)=1.0A", "3V3_SYS_A current(1)=0.1A", "VDD_CORE_V volt(15)=0.8V", "3V3_SYS_V volt(9)=3.3V"];
        string[] lines = [.. block, .. block.Select(l => l.Replace("1.0A", "2.0A", StringComparison.Ordinal)), "VDD_CORE_A current(7)=zzzA"];
        var result = LogImport.Import(LogFormat.Pmic, lines, TimeSpan.FromMilliseconds(500));

        Assert.Equal(2, result.Readings.Count);
        Assert.Equal(0.8 + 0.33, (double)result.Readings[0].Power.Watts, 9);
        Assert.Equal(1.6 + 0.33, (double)result.Readings[1].Power.Watts, 9);
        Assert.Equal(0.5, result.Readings[1].Timestamp.TotalSeconds);
        Assert.Equal(9, Assert.Single(result.Skipped).LineNumber);
        Assert.Equal("measured:pi5-pmic", result.Readings[0].Source.ToString());
    }

    [Fact]
    public void Nvidia_smi_streams_and_INA219_logger_CSVs_import()
    {
        var gpu = LogImport.Import(LogFormat.NvidiaSmi, ["power.draw [W], power.draw.instant [W]", "80.0, 81.0", "[N/A], [N/A]", "82.0, 83.0"], TimeSpan.FromMilliseconds(100));
        Assert.Equal([0.0, 0.2], gpu.Readings.Select(r => r.Timestamp.TotalSeconds));
        Assert.Single(gpu.Skipped);

        var ina = LogImport.Import(LogFormat.Ina219Csv, ["time_s,bus_v,current_a", "0.000,12.0,1.5", "0.010,12.0,-0.5", "0.005,12,1", "0.020,12.0"], Second);
        Assert.Equal([18.0, -6.0], ina.Readings.Select(r => (double)r.Power.Watts));
        Assert.Equal([4, 5], ina.Skipped.Select(s => s.LineNumber));
    }

    [Fact]
    public void The_sample_CSV_round_trips_totals_validity_and_tags()
    {
        var result = LogImport.Import(LogFormat.Tegrastats, ["RAM 2150/7620MB VDD_IN 4788mW/4788mW VDD_SOC 1441mW/1441mW", "RAM 2150/7620MB VDD_IN 5000mW/4800mW VDD_SOC 1500mW/1460mW"], Second);
        var readings = result.Readings.Append(PowerReading.Invalid(TimeSpan.FromSeconds(2), result.Readings[0].Source, "x")).ToList();
        var text = new StringWriter();
        SampleCsv.Write(text, readings);

        Assert.Equal(
            "time_s,source,valid,total_w,VDD_IN_w,VDD_SOC_w\n" +
            "0,measured:tegrastats-VDD_IN,1,4.788,4.788,1.441\n" +
            "1,measured:tegrastats-VDD_IN,1,5,5,1.5\n" +
            "2,measured:tegrastats-VDD_IN,0,,,\n",
            text.ToString());
        var back = SampleCsv.Read(new StringReader(text.ToString()), "test.csv");
        Assert.Equal([4.788, 5.0], back.Where(r => r.IsValid).Select(r => (double)r.Power.Watts));
        Assert.False(back[2].IsValid);
    }

    [Theory]
    [InlineData("a,b\n", "not a QSLM sample CSV")]
    [InlineData("time_s,source,valid,total_w\n0,guess:x,1,5\n", "test.csv:2")]
    [InlineData("time_s,source,valid,total_w\n0,measured:x,1,five\n", "is not a number")]
    public void Malformed_sample_CSVs_are_refused_with_the_line(string text, string message) =>
        Assert.Contains(message, Assert.Throws<FormatException>(() => SampleCsv.Read(new StringReader(text), "test.csv")).Message);
}
