using System.Globalization;
using QSLM.Cli.Rendering;
using QSLM.Harness.Search;
using QSLM.Search.Objective;
using QSLM.Search.Tiers;
using Spectre.Console;

namespace QSLM.Cli.Progress;

/// <summary>Renders what a running search reports: the folder it resumes, what it searches, a line per
/// candidate with how far the search is, and the board's lines.</summary>
/// <param name="menu">How many precisions the menu has (bounds the candidates still to come).</param>
internal sealed class SearchConsole(int menu) : IProgress<SearchEvent>
{
    private SearchOpened? _opened;
    private SearchProgress? _progress;

    public void Report(SearchEvent value)
    {
        switch (value)
        {
            case SearchOpened opened:
                _opened = opened;
                if (opened.LoggedRows > 0) Terminal.Ansi.MarkupLineInterpolated($"resuming {opened.Folder}: {opened.LoggedRows} candidates already logged");
                var (manifest, objective) = (opened.Manifest, opened.Objective);
                Terminal.Ansi.MarkupLineInterpolated($"search: {manifest.Task}, constA {objective.ConstA}, constM {(objective.ConstM is { } cm ? cm.ToString("N0", CultureInfo.InvariantCulture) + " bytes" : "none")}, alpha {objective.Alpha.ToString(CultureInfo.InvariantCulture)}, menu {string.Join(",", manifest.Menu)}; {manifest.Evaluation}; {manifest.Board}{Limits(objective.Limits)}{Budget(manifest)}");
                break;
            case SearchStarted:
                var hierarchy = _opened!.Hierarchy;
                _progress = new SearchProgress(hierarchy.Blocks.Count(b => b.Searchable.Any()), hierarchy.Searchable.Count(), menu, TimeProvider.System);
                break;
            case CandidateReported reported:
                Terminal.WriteAnsiLine($"{reported.Description}  [{_progress!.Add(reported.Candidate)}]");
                break;
            case BoardReported board:
                Terminal.WriteLine(board.Line);
                break;
        }
    }

    private static string Limits(BoardLimits limits) => limits.Any ? $"; board limits {limits}" : "";

    private static string Budget(SearchManifest manifest)
    {
        var budget = new SearchBudget(manifest.MaxEvaluations, manifest.MaxMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : null);
        return budget.Any ? $"; budget {budget}" : "";
    }
}
