using QSLM.Sensors.Board.RaspberryPi;
using QSLM.Sensors.Tests.Timing;

namespace QSLM.Sensors.Tests.RaspberryPi;

public class PmicAdcParserTests
{
    // The shape of `vcgencmd pmic_read_adc` on a Pi 5: currents first, then voltages, with different ADC indices.
    private const string Output = """
         3V7_WL_SW_A current(0)=0.00000000A
           3V3_SYS_A current(1)=0.06441420A
           1V8_SYS_A current(2)=0.17666680A
          VDD_CORE_A current(7)=0.92871990A
         3V7_WL_SW_V volt(8)=3.70166700V
           3V3_SYS_V volt(9)=3.31043400V
           1V8_SYS_V volt(10)=1.80000000V
          VDD_CORE_V volt(15)=0.72097620V
             EXT5V_V volt(24)=5.13517000V
        """;

    [Fact]
    public void Current_and_voltage_are_paired_by_rail_name_not_index()
    {
        var reading = PmicAdcParser.Parse(Output);

        Assert.Empty(reading.Skipped);
        var core = Assert.Single(reading.Rails, r => r.Name == "VDD_CORE");
        Assert.Equal(0.92871990, core.Amperes);
        Assert.Equal(0.72097620, core.Volts);
        Assert.Equal(0.92871990 * 0.72097620, core.Watts!.Value, 12);
        var ext = Assert.Single(reading.Rails, r => r.Name == "EXT5V");
        Assert.Null(ext.Amperes);
        Assert.Null(ext.Watts);
    }

    [Fact]
    public void The_total_sums_the_paired_rails()
    {
        var reading = PmicAdcParser.Parse(Output);
        var expected = (0.06441420 * 3.31043400) + (0.17666680 * 1.8) + (0.92871990 * 0.72097620);
        Assert.Equal(expected, reading.TotalWatts, 12);
    }

    [Theory]
    [InlineData("VDD_CORE_A current(7)=abcA")]
    [InlineData("VDD_CORE_A volt(7)=0.9A")]
    [InlineData("VDD_CORE_V current(7)=0.9A")]
    [InlineData("VDD_CORE_A current(7)=0.9V")]
    [InlineData("VDD_CORE_A current(7)")]
    [InlineData("error: pmic not found")]
    [InlineData("VDD_CORE_A current(7)=-0.9A")]
    [InlineData("VDD_CORE_A current(7)=1e308A")]
    [InlineData("VDD_CORE_V volt(15)=9223372036854775807V")]
    [InlineData("DD_CORE_A current(7)=0.9A junk")]
    public void Malformed_lines_are_skipped_and_counted(string bad)
    {
        var reading = PmicAdcParser.Parse(Output + "\n" + bad + "\n");

        var skipped = Assert.Single(reading.Skipped);
        Assert.Equal(bad, skipped.Text);
        Assert.Equal(10, skipped.LineNumber);
        Assert.Equal(5, reading.Rails.Count);
    }
}

public class PmicSensorTests
{
    [Fact]
    public void Each_reading_sums_the_paired_rails_and_keeps_them()
    {
        var outputs = new Queue<string>(["VDD_CORE_A current(7)=1.0A\nVDD_CORE_V volt(15)=0.8V\nEXT5V_V volt(24)=5.1V\nbad line\n", "error\n"]);
        using var sensor = new PmicSensor(FakeClocks.Create(), outputs.Dequeue);

        var first = sensor.Read();
        var second = sensor.Read();

        Assert.Equal("measured:pi5-pmic", first.Source.ToString());
        Assert.Equal(0.8, (double)first.Power.Watts, 12);
        Assert.Equal("VDD_CORE", Assert.Single(first.Rails).Name);
        Assert.False(second.IsValid);
        Assert.Equal(2, sensor.Skipped);
    }
}
