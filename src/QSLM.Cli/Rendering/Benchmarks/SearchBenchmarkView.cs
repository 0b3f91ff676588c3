using System.Globalization;
using QSLM.Benchmarks;
using Spectre.Console;

namespace QSLM.Cli.Rendering.Benchmarks;

/// <summary>Renders <c>qslm bench search</c>: what it runs on, a line per strategy as it ends, a table of
/// all of them, and the search targets' two ratios (tiered within 1% of the best found, with at most a
/// tenth of random's evaluations).</summary>
/// <param name="console">Where it is drawn.</param>
internal sealed class SearchBenchmarkView(IAnsiConsole console) : IProgress<StrategyTiming>
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The lines before the run: the evaluator, the objective, the menu and the machine.</summary>
    public void Header(SearchBenchmark.Setup setup, string machine)
    {
        var objective = setup.Objective;
        console.WriteLine($"bench search: {setup.Description}; constA {objective.ConstA}, constM {(objective.ConstM is { } m ? m.ToString("N0", Inv) + " bytes" : "none")}, alpha {objective.Alpha.ToString(Inv)}, menu {string.Join(",", setup.Menu.Select(f => f.Name))}");
        console.WriteLine($"machine: {machine}");
    }

    /// <summary>A strategy's line, as it ends.</summary>
    public void Report(StrategyTiming value)
    {
        var result = value.Result;
        var best = result.Best is { } b ? string.Create(Inv, $"#{b.Id} J {b.Score:F4} at {b.Bytes:N0} bytes, metric {b.Metric:0.####}") : "none feasible";
        console.WriteLine(string.Create(Inv, $"{result.Strategy}: {result.Evaluations} evaluations, {value.Seconds:F1} s, best {best}"));
    }

    /// <summary>The table of strategies, the targets' ratios, and where the tiered search's candidates are.</summary>
    public void Results(SearchBenchmarkResult results)
    {
        var table = new Table().AddColumns("strategy", "evals", "best J", "bytes", "metric", "feasible", "wall s");
        foreach (var (r, seconds) in results.Strategies)
        {
            table.AddRow(Markup.Escape(r.Strategy), r.Evaluations.ToString(Inv),
                r.Best?.Score.ToString("F4", Inv) ?? "none", r.Best?.Bytes.ToString("N0", Inv) ?? "", r.Best?.Metric.ToString("0.####", Inv) ?? "",
                r.Best is null ? "none" : "yes", seconds.ToString("F1", Inv));
        }
        console.Write(table);

        var (tiered, random) = (results.Tiered, results.Random);
        if (tiered.Best is null || results.BestFound is not { Best: { } best } found)
        {
            console.WriteLine("tiered best: none feasible, so no ratio (target <= 1%)");
        }
        else
        {
            var gap = SearchBenchmarkResult.Gap(tiered.Best.Score, best.Score);
            console.WriteLine(string.Create(Inv,
                $"tiered best within {gap:0.00}% of the best found (target <= 1%): J {tiered.Best.Score:F4} against {best.Score:F4} ({found.Strategy}); {(gap <= 1 ? "met" : "NOT met")}"));
        }
        var fraction = (double)tiered.Evaluations / random.Evaluations;
        console.WriteLine(string.Create(Inv,
            $"tiered used {tiered.Evaluations} evaluations = {fraction:0.###} of random's {random.Evaluations} (target <= 0.1); {(fraction <= 0.1 + 1e-12 ? "met" : "NOT met")}"));
        if (tiered.Best is not null)
        {
            var reach = random.EvaluationsToReach(tiered.Best.Score);
            console.WriteLine(reach is { } n
                ? $"random search first matched the tiered J after {n} evaluations"
                : $"random search never matched the tiered J in its {random.Evaluations} evaluations");
        }
        console.WriteLine($"the tiered search's candidates: {results.Csv} (qslm report {results.Csv} plots them)");
    }
}
