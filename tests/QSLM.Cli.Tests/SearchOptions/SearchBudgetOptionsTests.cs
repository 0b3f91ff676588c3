using System.Globalization;
using QSLM.Cli.SearchOptions;
using QSLM.Errors;
using QSLM.Search.Tiers;

namespace QSLM.Cli.Tests.SearchOptions;

public sealed class SearchBudgetOptionsTests
{
    [Fact]
    public void Evaluations_and_minutes_make_the_budget()
    {
        Assert.Equal(new SearchBudget(40, TimeSpan.FromMinutes(2.5)), SearchBudgetOptions.Parse(40, "2.5"));
        Assert.Equal(SearchBudget.None, SearchBudgetOptions.Parse(null, null));
        Assert.Equal(new SearchBudget(MaxBoardMeasurements: 3), SearchBudgetOptions.Parse(null, null, 3));
    }

    [Fact]
    public void Minutes_are_read_with_the_invariant_culture_whatever_the_current_one()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = DecimalComma();
            Assert.Equal(TimeSpan.FromMinutes(0.5), SearchBudgetOptions.Parse(null, "0.5").MaxWallTime);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("soon")]
    [InlineData("1e308")]
    public void Minutes_that_are_not_a_positive_number_are_bad_input(string minutes)
    {
        var e = Assert.Throws<InputException>(() => SearchBudgetOptions.Parse(null, minutes));
        Assert.StartsWith($"--max-minutes '{minutes}' is not a positive number of minutes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fewer_than_one_evaluation_is_bad_input()
    {
        Assert.Throws<InputException>(() => SearchBudgetOptions.Parse(0, null));
        Assert.Contains("--max-board-measurements", Assert.Throws<InputException>(() => SearchBudgetOptions.Parse(null, null, 0)).Message, StringComparison.Ordinal);
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
