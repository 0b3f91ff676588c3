using System.Globalization;
using QSLM.Errors;
using QSLM.Search.Tiers;

namespace QSLM.Cli.SearchOptions;

/// <summary>The search budget from <c>qslm search</c>'s --max-evaluations and --max-minutes.</summary>
internal static class SearchBudgetOptions
{
    /// <summary>Parses the budget; minutes with the invariant culture.</summary>
    /// <exception cref="InputException">An evaluation count below 1, or minutes that are not a positive number.</exception>
    public static SearchBudget Parse(int? maxEvaluations, string? maxMinutes, int? maxBoardMeasurements = null)
    {
        TimeSpan? time = null;
        if (maxMinutes is not null)
        {
            if (!double.TryParse(maxMinutes.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var minutes) || !double.IsFinite(minutes) || minutes <= 0 || minutes > TimeSpan.MaxValue.TotalMinutes / 2)
                throw new InputException($"--max-minutes '{maxMinutes}' is not a positive number of minutes (e.g. 30 or 2.5)");
            time = TimeSpan.FromMinutes(minutes);
        }
        if (maxEvaluations is < 1) throw new InputException(string.Create(CultureInfo.InvariantCulture, $"--max-evaluations must be at least 1, got {maxEvaluations}"));
        if (maxBoardMeasurements is < 1) throw new InputException(string.Create(CultureInfo.InvariantCulture, $"--max-board-measurements must be at least 1 (the baseline), got {maxBoardMeasurements}"));
        return new SearchBudget(maxEvaluations, time, maxBoardMeasurements).Validate();
    }
}
