using System.CommandLine;
using System.Globalization;
using QSLM.Cli.Rendering;
using QSLM.Cli.RunOptions;
using QSLM.Cli.SearchOptions;
using QSLM.CommandLine;
using QSLM.Harness;
using QSLM.Harness.Claims;
using QSLM.Sensors.Statistics;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm claim</c>: validates a power claim of a candidate against a baseline on a board (the work is <see cref="ClaimRunner"/>'s).</summary>
internal static class ClaimCommand
{
    public static Command Create()
    {
        var bench = new Option<string>("--bench") { Description = "Bench file that names the board (hardware/README.md).", Required = true }.NotAFolder();
        var board = new Option<string>("--board") { Description = "The board the claim is measured on, by name in --bench.", Required = true };
        var baseline = new Option<string>("--baseline") { Description = "The baseline: fp32 (the host model packed at fp32 for the host's vocabulary) or a packed .qslm file.", DefaultValueFactory = _ => ClaimRequest.Fp32 };
        var candidate = new Option<string?>("--candidate") { Description = "The candidate's packed .qslm file." }.NotAFolder();
        var fromSearch = new Option<string?>("--from-search") { Description = "A search's run folder: its chosen.qslm is the candidate (else its chosen candidate is packed again from search.csv)." };
        var claim = new Option<string>("--claim") { Description = "The claimed difference of the candidate's net energy per token against the baseline's, e.g. -20% (at least 20% less); strictly between -100% and +100%, not 0.", Required = true };
        var model = new Option<string?>("--model") { Description = "Checkpoint the fp32 baseline is packed from. Default: the bundled reference model of the candidate's kind (language model or SST-2 classifier)." }.NotAFolder();
        var quick = new Option<bool>("--quick") { Description = "Short windows for tests and demonstrations (1 s, 3 pairs, short warm-up and cool-down); the report says quick." };
        var windows = new Option<int?>("--windows") { Description = "Paired windows (each a baseline and a candidate window in a seeded order). Default 5, MLPerf Tiny; 3 with --quick." }.InRange(2, 100_000);
        var windowSeconds = new Option<double?>("--window-seconds") { Description = "Length of each window, at least 10 s outside --quick (default 10, MLPerf Tiny)." }.InRange(0.05, 86_400.0, "s");
        var seed = new Option<int>("--seed") { Description = "Seed of the order within each pair of windows.", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out") { Description = "Run folder for the reports and windows.csv. Default: runs/claim-<UTC time> ($QSLM_RUNS when set)." }.WritableFolder();
        var calibration = new Option<string>("--calibration") { Description = "Calibration folder; a power record for the meter's sensor id is applied to its samples.", DefaultValueFactory = _ => Path.Combine(RepositoryPaths.Root, "calibration") };
        var history = HistoryOptions.History();
        var who = HistoryOptions.Operator();
        var boardWait = BoardWaitOption.Create();
        var command = new Command("claim", "Validate a power claim on a board: deploy the baseline and the candidate, check both give the host's answers there, measure both in interleaved windows "
            + "(idle subtracted, calibration applied), and judge the claim on the 95% interval of the paired difference in net energy per token: supported (exit 0), contradicted (1) or inconclusive (4).")
        {
            bench, board, baseline, candidate, fromSearch, claim, model, quick, windows, windowSeconds, seed, output, calibration, boardWait, history, who,
        };
        command.SetAction(async (parse, cancel) =>
        {
            // Returns to System.CommandLine at once, so its Ctrl+C and SIGTERM handling is in place before the board comes up.
            await Task.Yield();
            return await CommandRunner.RunAsync(parse, async () =>
            {
                var request = new ClaimRequest(parse.GetValue(bench)!, parse.GetValue(board)!, parse.GetValue(baseline)!, parse.GetValue(candidate), parse.GetValue(fromSearch),
                    PowerCompareCommand.ParseRelative(parse.GetValue(claim)!), parse.GetValue(model),
                    LabWindowOptions.Parse(parse.GetValue(quick), parse.GetValue(windowSeconds), parse.GetValue(windows)), parse.GetValue(seed), parse.GetValue(output),
                    parse.GetValue(calibration)!, parse.GetValue(who), "qslm " + string.Join(' ', parse.Tokens.Select(t => t.Value))) { BoardWait = BoardWaitOption.Value(parse, boardWait) };
                var historyPath = parse.GetValue(history);
                var result = await ClaimRunner.RunAsync(request, () => HistoryOptions.Open(historyPath), new Lines(), cancel);
                Render(result);
                return ExitCode(result);
            });
        });
        return command;
    }

    /// <summary>The exit code of a claim: 0 supported, 1 contradicted or a model that does not give the host's answers, 4 inconclusive.</summary>
    public static int ExitCode(ClaimResult result) => result.Outcome switch
    {
        ClaimOutcome.Supported => ExitCodes.Success,
        ClaimOutcome.Inconclusive => ExitCodes.Inconclusive,
        _ => ExitCodes.CheckFailed,
    };

    private static void Render(ClaimResult result)
    {
        var inv = CultureInfo.InvariantCulture;
        if (result.Report.Claim is { } claim)
        {
            foreach (var figure in claim.Figures)
                Terminal.WriteLine(string.Create(inv, $"{figure.Side,-9} {figure.Quantity,-32} {figure.Value,12:G5} {figure.Unit} ± {figure.Ci95 ?? double.NaN:G3} ({figure.Source})"));
            Terminal.WriteLine($"interval: {claim.IntervalMethod}");
        }
        foreach (var note in result.Report.Notes) Terminal.WriteLine(note);
        Terminal.WriteLine($"claim: {result.Report.Verdict}");
        Terminal.WriteLine($"report: {result.Folder} (run {result.RunId} in the history)");
    }

    private sealed class Lines : IProgress<string>
    {
        public void Report(string value) => Terminal.WriteLine(value);
    }
}
