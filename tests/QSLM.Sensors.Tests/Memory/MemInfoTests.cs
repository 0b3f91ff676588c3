using QSLM.Sensors.Board.Memory;

namespace QSLM.Sensors.Tests.Memory;

public class MemInfoTests
{
    private const string Sample = "MemTotal:        7999880 kB\nMemFree:          512000 kB\nMemAvailable:    6123456 kB\nBuffers:           12345 kB\n";

    [Fact]
    public void Reads_total_and_available_in_bytes()
    {
        var info = MemInfo.Parse(Sample)!;
        Assert.Equal(7_999_880L * 1024, info.TotalBytes);
        Assert.Equal(6_123_456L * 1024, info.AvailableBytes);
    }

    [Theory]
    [InlineData("MemTotal: 100 kB\n")]
    [InlineData("MemTotal: 100 kB\nMemAvailable: lots kB\n")]
    [InlineData("MemTotal: 100 kB\nMemAvailable: 50 MB\n")]
    public void Missing_or_malformed_fields_give_null(string text) => Assert.Null(MemInfo.Parse(text));

    [Fact]
    public void This_machine_has_some_memory_available()
    {
        var info = MemInfo.Read();
        Assert.NotNull(info);
        Assert.InRange(info.AvailableBytes, 1, info.TotalBytes);
    }
}
