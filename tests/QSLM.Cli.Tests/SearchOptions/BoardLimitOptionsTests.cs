using System.Globalization;
using QSLM.Cli.SearchOptions;
using QSLM.Errors;
using QSLM.Search.Objective;

namespace QSLM.Cli.Tests.SearchOptions;

public sealed class BoardLimitOptionsTests
{
    [Fact]
    public void Each_bound_is_read_in_its_options_unit_with_energy_in_millijoules_per_token()
    {
        var limits = BoardLimitOptions.Parse("25", "4.5", "1.25");

        Assert.Equal(new BoardLimits(25, 4.5, 0.00125), limits);
        Assert.Equal("latency<=25ms/token, power<=4.5W, energy<=1.25mJ/token", limits.ToString());
    }

    [Fact]
    public void No_option_given_is_no_bound()
    {
        var limits = BoardLimitOptions.Parse(null, null, null);

        Assert.False(limits.Any);
        Assert.Equal(BoardLimits.None, limits);
    }

    [Fact]
    public void Numbers_are_read_with_the_invariant_culture_whatever_the_current_one()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = DecimalComma();
            Assert.Equal(2.5, BoardLimitOptions.Parse("2.5", null, null).MaxLatencyMs);
            Assert.Throws<InputException>(() => BoardLimitOptions.Parse("2,5", null, null));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Theory]
    [InlineData("--max-latency-ms", "0")]
    [InlineData("--max-latency-ms", "-3")]
    [InlineData("--max-power-w", "many")]
    [InlineData("--max-power-w", "NaN")]
    [InlineData("--max-energy-mj", "Infinity")]
    [InlineData("--max-energy-mj", "")]
    public void A_bound_that_is_not_a_positive_number_is_bad_input_naming_its_option(string option, string value)
    {
        var e = Assert.Throws<InputException>(() => BoardLimitOptions.Parse(
            option == "--max-latency-ms" ? value : null, option == "--max-power-w" ? value : null, option == "--max-energy-mj" ? value : null));

        Assert.StartsWith($"{option} '{value}' is not a positive number", e.Message, StringComparison.Ordinal);
    }

    // A culture that writes 2,5 for two and a half (the globalization-invariant runtime has no named cultures).
    private static CultureInfo DecimalComma()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = ".";
        return culture;
    }
}
