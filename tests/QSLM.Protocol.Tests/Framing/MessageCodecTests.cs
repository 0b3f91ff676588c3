using System.Text;
using QSLM.Protocol.Framing;
using QSLM.Protocol.Messages;
using QSLM.Sensors.Board;

namespace QSLM.Protocol.Tests.Framing;

public sealed class MessageCodecTests
{
    public static TheoryData<Message> Every_message_kind() =>
    [
        new Hello(ProtocolLimits.Version, "1.2.3"),
        new HelloReply(1, "0.1", "linux-arm64", "Vector128", 4, 4_000_000_000, 3_000_000_000,
            [new SensorInfo("ina219-0x40", "power", "W", SourceTag.Measured("ina219"))],
            [new ModelStatus(new string('a', 64), 10, false)], 4 << 20, 1L << 32),
        new PutModel(new string('b', 64), 300, 100, [0, 1, 2, 255]),
        new QueryModel(new string('c', 64)),
        new ExpectModel(new string('c', 64), 31_345_793),
        new ModelStatus(new string('d', 64), 300, true),
        new RunWorkload(new string('e', 64), 128, 16, 3, 7, 2),
        new Mark(MarkPhase.Start, 2),
        new MarkAck(MarkPhase.Stop, 2),
        new RunResult(new string('f', 64), 128, 16, [0.25, 0.5], 1234567890123, 42, 0.125, [0.1, 0.2], 123456789, 5_000_000, 4_000_000, "Vector256", 2),
        new ReadSensors(),
        new SensorReadings([new SensorReading("VDD_IN", 4.788, "W", SourceTag.Measured("ina3221"), new DateTimeOffset(2026, 11, 27, 15, 0, 0, TimeSpan.Zero))]),
        new RunWorkload(new string('e', 64), 1, 1, 5, 7, 0, MinSeconds: 10, WarmupSeconds: 2, Sensors: ["jetson:VDD_IN", "ina219:1:0x40:0.1"]),
        new Mark(MarkPhase.Stop, 4, 1234.5678),
        new RunResult(new string('f', 64), 1, 1, [10.01], 99, 9, 0.5, [0.1], 1, 2, 3, "Vector128", 4,
            [new RunWindow(0, 12.5, 22.51, 4321, 39.9, new ThermalState(61.5, true, "vcgencmd get_throttled=0x50005")), new RunWindow(1, 30, 40, 4000, 39, null), new RunWindow(2, 41, 51, 4100, 38, new ThermalState())]),
        new TimeSync(3),
        new TimeSyncReply(3, 812.000125),
        new SampleIdle(10, ["pmic"]),
        new IdleResult(100.25, 110.25, null),
        new IdleResult(100.25, 110.25, new ThermalState(MaxCelsius: 48)),
        new SensorSamples(SensorSamples.IdleWindow, "pmic", "power", "W", SourceTag.Simulated("pi5"), [100.25, 100.3], [3.25, 3.5]),
        // A board that cannot read its memory figures says so with nulls, which must still decode.
        new RunResult(new string('f', 64), 1, 1, [1.0], 9, 1, 0.5, [0.1], null, null, null, "Scalar", 1),
        new HelloReply(3, "0.1", "linux-arm64", "Scalar", 1, null, null, [], [], 4 << 20, 1L << 32),
        // A board names itself; a container knows no model, serial or firmware, which travel as nulls.
        new HelloReply(3, "0.1", "linux-arm64", "Scalar", 4, null, null, [], [], 4 << 20, 1L << 32,
            new BoardIdentity("orin-01", "NVIDIA Jetson Orin Nano Developer Kit", "1421623012345", "5.15.136-tegra", "L4T R36.3.0")),
        new HelloReply(3, "0.1", "linux-x64", "Vector256", 2, null, null, [], [], 4 << 20, 1L << 32, new BoardIdentity("container", null, null, "6.8.0-45-generic", null)),
        new EvaluationResult(new string('f', 64), EvaluationTask.Sst2, 0.5, 2, [1, 0], 0.1, null),
        new Bye(),
        new ErrorReply(ErrorCodes.HashMismatch, "nope", 17),
    ];

    [Theory]
    [MemberData(nameof(Every_message_kind))]
    public void Every_message_survives_a_round_trip(Message message)
    {
        var decoded = MessageCodec.Decode(MessageCodec.Encode(message));
        // Records compare lists and arrays by reference, so compare the canonical encodings instead.
        Assert.Equal(message.GetType(), decoded.GetType());
        Assert.Equal(Encoding.UTF8.GetString(MessageCodec.Encode(message)), Encoding.UTF8.GetString(MessageCodec.Encode(decoded)));
    }

    [Fact]
    public void The_wire_form_names_the_kind_and_writes_numbers_invariantly()
    {
        var json = Encoding.UTF8.GetString(MessageCodec.Encode(new RunResult(new string('f', 64), 1, 0, [0.5], 1, 2, 0.25, [], null, null, null, "Scalar", 1)));
        Assert.StartsWith("{\"type\":\"run-result\"", json, StringComparison.Ordinal);
        Assert.Contains("\"repeatSeconds\":[0.5]", json, StringComparison.Ordinal);
        // An unreadable memory figure is written as null, not left out: the decoder requires every constructor parameter.
        Assert.Contains("\"peakRssBytes\":null", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Expect_model_is_protocol_2s_and_names_its_kind_on_the_wire()
    {
        // Protocol 3 added board-side sampling and kept every message of 2.
        Assert.Equal(3, ProtocolLimits.Version);
        var json = Encoding.UTF8.GetString(MessageCodec.Encode(new ExpectModel(new string('c', 64), 300)));
        Assert.Equal("{\"type\":\"expect-model\",\"sha256\":\"" + new string('c', 64) + "\",\"totalBytes\":300}", json);
    }

    [Fact]
    public void Chunk_bytes_travel_as_base64()
    {
        var json = Encoding.UTF8.GetString(MessageCodec.Encode(new PutModel(new string('b', 64), 3, 0, [1, 2, 3])));
        Assert.Contains("\"data\":\"AQID\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"type\":\"format-disk\"}")]
    [InlineData("{\"sha256\":\"x\"}")]
    [InlineData("[1,2]")]
    [InlineData("null")]
    [InlineData("{\"type\":\"query-model\"")]
    [InlineData("{\"type\":\"query-model\"}")]
    public void Anything_but_a_known_message_is_a_bad_request(string line)
    {
        var e = Assert.Throws<ProtocolException>(() => MessageCodec.Decode(Encoding.UTF8.GetBytes(line)));
        Assert.Equal(ErrorCodes.BadRequest, e.Code);
    }
}
