using System.Text;
using QSLM.Protocol.Framing;
using QSLM.Protocol.Messages;
using QSLM.Sensors.Board;

namespace QSLM.Protocol.Tests.Framing;

/// <summary>A figure's provenance travels as the tag's text and is checked when the message is read.</summary>
public sealed class SourceTagWireTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_tag_is_written_as_its_text()
    {
        var json = Encoding.UTF8.GetString(MessageCodec.Encode(new SensorReadings([new SensorReading("rapl:package-0", 12.5, "J", SourceTag.Measured("rapl-package-0"), At)])));
        Assert.Contains("\"source\":\"measured:rapl-package-0\"", json, StringComparison.Ordinal);

        var hello = Encoding.UTF8.GetString(MessageCodec.Encode(new HelloReply(1, "0.1", "linux-arm64", "Vector128", 4, 1, 1,
            [new SensorInfo("simulated", "power", "W", SourceTag.Simulated("ina219-default-board"))], [], 1, 1)));
        Assert.Contains("\"source\":\"simulated:ina219-default-board\"", hello, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tag_read_from_the_wire_is_the_tag_that_was_sent()
    {
        var line = "{\"type\":\"sensors\",\"readings\":[{\"name\":\"jetson\",\"value\":5,\"unit\":\"W\",\"source\":\"measured:jetson-VDD_IN\",\"at\":\"2026-11-27T15:00:00+00:00\"}]}";
        var readings = Assert.IsType<SensorReadings>(MessageCodec.Decode(Encoding.UTF8.GetBytes(line)));
        Assert.Equal(SourceTag.Measured("jetson-VDD_IN"), Assert.Single(readings.Readings).Source);
    }

    [Theory]
    [InlineData("\"measured\"")]
    [InlineData("\"guessed:ina219\"")]
    [InlineData("\"measured:two words\"")]
    [InlineData("\"measured:\"")]
    [InlineData("\"measured:a:b\"")]
    [InlineData("42")]
    public void A_reading_whose_source_is_not_a_tag_is_a_bad_request(string source)
    {
        var line = "{\"type\":\"sensors\",\"readings\":[{\"name\":\"x\",\"value\":1,\"unit\":\"W\",\"source\":" + source + ",\"at\":\"2026-11-27T15:00:00+00:00\"}]}";
        var e = Assert.Throws<ProtocolException>(() => MessageCodec.Decode(Encoding.UTF8.GetBytes(line)));
        Assert.Equal(ErrorCodes.BadRequest, e.Code);
        Assert.Contains("source tag", e.Message, StringComparison.Ordinal);
    }
}
