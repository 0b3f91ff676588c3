using System.CommandLine;

namespace QSLM.CommandLine.Tests;

public sealed class NumberRangeTests
{
    private static ParseResult Parse<T>(Option<T> option, params string[] args) => new RootCommand { option }.Parse(args);

    [Theory]
    [InlineData("-3")]
    [InlineData("1000001")]
    public void A_whole_number_outside_its_range_is_refused_with_the_option_the_value_and_the_range(string value)
    {
        var parse = Parse(new Option<int>("--top-k").InRange(0, 1_000_000), "--top-k", value);
        Assert.Equal($"--top-k must be at least 0 and at most 1000000, got {value}", Assert.Single(parse.Errors).Message);
    }

    [Theory]
    [InlineData("1e308")]
    [InlineData("1e-300")]
    [InlineData("NaN")]
    [InlineData("-Infinity")]
    public void A_number_outside_its_range_or_not_finite_is_refused(string value)
    {
        var parse = Parse(new Option<double>("--interval-ms").InRange(0.001, 86_400_000.0, "ms"), "--interval-ms", value);
        Assert.Equal($"--interval-ms must be at least 0.001 ms and at most 86400000 ms, got {value}", Assert.Single(parse.Errors).Message);
    }

    [Fact]
    public void Values_on_the_bounds_and_the_default_are_accepted()
    {
        var option = new Option<double>("--seconds") { DefaultValueFactory = _ => 10 }.AboveZero(60.0);
        Assert.Empty(Parse(option).Errors);
        Assert.Empty(Parse(option, "--seconds", "60").Errors);
        Assert.Empty(Parse(option, "--seconds", "1e-9").Errors);
        Assert.Equal("--seconds must be above 0 and at most 60, got 0", Assert.Single(Parse(option, "--seconds", "0").Errors).Message);
    }

    [Fact]
    public void An_optional_value_is_checked_only_when_given()
    {
        var option = new Option<int?>("--lm-tokens").InRange(1, int.MaxValue);
        Assert.Empty(Parse(option).Errors);
        Assert.Equal("--lm-tokens must be at least 1, got 0", Assert.Single(Parse(option, "--lm-tokens", "0").Errors).Message);
    }

    [Fact]
    public void The_help_states_the_range()
    {
        var option = new Option<int>("--repeats") { Description = "Timed runs." }.InRange(1, 1000);
        Assert.Equal("Timed runs. (at least 1 and at most 1000)", option.Description);
        Assert.Equal("at least 1 and at most 1000", NumberRange.RangeOf(option));
    }
}
