using System.CommandLine;
using System.Globalization;
using QSLM.Cli.Rendering;
using QSLM.Cli.RunOptions;
using QSLM.CommandLine;
using QSLM.Harness;
using QSLM.Harness.Regression;
using QSLM.Reports.Document;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm regress [RUN] --against BASELINE</c>: a run of the history held against a baseline run under stated
/// thresholds, with the same reports as claim and qualify, recorded as a regress run.</summary>
internal static class RegressCommand
{
    public static Command Create()
    {
        var defaults = new RegressionThresholds();
        var run = new Argument<string?>("RUN") { Description = "The run to check, by id (qslm history lists them). Default: the newest completed run of the baseline's kind.", Arity = ArgumentArity.ZeroOrOne };
        var against = new Option<string>("--against") { Description = "The baseline run's id.", Required = true };
        var accuracy = new Option<double>("--max-accuracy-drop") { Description = "Accuracy may fall by at most this much, absolute (0.01 is one point).", DefaultValueFactory = _ => defaults.MaxAccuracyDrop }.InRange(0.0, 1.0);
        var perplexity = new Option<double>("--max-perplexity-rise") { Description = "Perplexity may rise by at most this fraction of the baseline's (0.02 is 2%).", DefaultValueFactory = _ => defaults.MaxPerplexityRise }.InRange(0.0, 100.0);
        var memory = new Option<double>("--max-memory-rise") { Description = "Peak memory may rise by at most this fraction of the baseline's.", DefaultValueFactory = _ => defaults.MaxMemoryRise }.InRange(0.0, 100.0);
        var latency = new Option<double>("--max-latency-rise") { Description = "Latency per token (p50, p99) may rise by at most this fraction of the baseline's.", DefaultValueFactory = _ => defaults.MaxLatencyRise }.InRange(0.0, 100.0);
        var trend = new Option<int>("--trend") { Description = "Trend plots over the last N completed runs of the same kind, one per board, model and compared quantity (0 for none).", DefaultValueFactory = _ => 10 }.InRange(0, 1000);
        var output = new Option<string?>("--out") { Description = "Folder for the reports. Default: runs/regress-<UTC time> ($QSLM_RUNS when set)." }.WritableFolder();
        var history = HistoryOptions.History();
        var @operator = HistoryOptions.Operator();
        var command = new Command("regress", "Compare a run of the history with a baseline run per board, model and quantity: accuracy, perplexity, memory and latency under stated thresholds, "
            + "power and energy by their 95% intervals (a regression only when the new interval lies wholly above the baseline's). Writes the reports and exits 1 when any check failed.")
        {
            run, against, accuracy, perplexity, memory, latency, trend, output, history, @operator,
        };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var thresholds = new RegressionThresholds(parse.GetValue(accuracy), parse.GetValue(perplexity), parse.GetValue(memory), parse.GetValue(latency));
            var folder = parse.GetValue(output) ?? Path.Combine(RepositoryPaths.Runs, string.Create(CultureInfo.InvariantCulture, $"regress-{DateTime.UtcNow:yyyyMMdd-HHmmss}"));
            using var runs = HistoryOptions.Open(parse.GetValue(history));
            var outcome = RegressionRun.Run(runs, new RegressionRequest(parse.GetValue(against)!, parse.GetValue(run), thresholds, parse.GetValue(trend), folder, CommandText.Of(parse), parse.GetValue(@operator)));
            var report = outcome.Report;
            Terminal.WriteLine($"{report.Title}: {report.Verdict}");
            foreach (var check in report.Checks.Where(c => c.Status == CheckStatus.Failed))
                Terminal.WriteLine($"  FAILED {check.Board} {check.Model} {check.Check}: {check.Detail}");
            Terminal.WriteLine($"recorded as run {outcome.RegressRunId} in history {runs.Location}");
            foreach (var file in outcome.Files) Terminal.WriteLine($"report: {file}");
            return outcome.Failed ? CommandRunner.Failure : CommandRunner.Success;
        }, usesTorch: false));
        return command;
    }
}
