using QSLM.Sensors.Board;
namespace QSLM.Sensors.Tests;

public class SourceTagTests
{
    [Theory]
    [InlineData("measured:ina219-1-0x40", SourceKind.Measured, "ina219-1-0x40")]
    [InlineData("simulated:ina219-power-trace", SourceKind.Simulated, "ina219-power-trace")]
    [InlineData("estimated:horowitz-45nm", SourceKind.Estimated, "horowitz-45nm")]
    public void Round_trips_through_text(string text, SourceKind kind, string name)
    {
        var tag = SourceTag.Parse(text);
        Assert.Equal(kind, tag.Kind);
        Assert.Equal(name, tag.Name);
        Assert.Equal(text, tag.ToString());
    }

    [Theory]
    [InlineData("ina219")]
    [InlineData("guessed:ina219")]
    [InlineData("measured:")]
    [InlineData("measured:a:b")]
    [InlineData("measured:a b")]
    public void Rejects_anything_else(string text)
    {
        Assert.False(SourceTag.TryParse(text, out _));
        Assert.Throws<FormatException>(() => SourceTag.Parse(text));
    }

    [Fact]
    public void Names_with_separators_are_refused() =>
        Assert.Throws<ArgumentException>(() => SourceTag.Measured("a:b"));
}
