using System.CommandLine;
using System.Globalization;
using QSLM.Boards.Profiles;
using QSLM.Boards.Sessions;
using QSLM.Cli.Rendering;
using QSLM.Cli.RunOptions;
using QSLM.Cli.SearchOptions;
using QSLM.CommandLine;
using QSLM.Errors;
using QSLM.Harness;
using QSLM.Harness.Farms;
using QSLM.Harness.Qualification;
using QSLM.Harness.Reporting;
using QSLM.Harness.Search;
using QSLM.History.Records;
using QSLM.Reports.Document;
using QSLM.Reports.Plots;
using QSLM.Reports.Writers;
using QSLM.Harness.Verification;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm qualify MODEL.qslm... [--board NAME... | --tag TAG...] --bench FILE</c>: the checks a team signs off
/// for each model on each board, each passed, failed, not run or an infrastructure error, written as the run's reports
/// and recorded in the run history as they are decided; exits 1 when a check failed, else 3 when a board failed, else 0.</summary>
internal static class QualifyCommand
{
    public static Command Create()
    {
        var models = new Argument<string[]>("MODEL") { Description = "Packed models (.qslm) to qualify.", Arity = ArgumentArity.OneOrMore };
        var board = new Option<string[]>("--board") { Description = "A board of --bench to qualify on (repeat for several). Default: every board of the bench, or those --tag picks." };
        var tag = new Option<string[]>("--tag") { Description = "Qualify on the bench's boards whose profile carries this tag (repeat for several)." };
        var bench = new Option<string>("--bench") { Description = "Bench file that names the boards (hardware/README.md).", DefaultValueFactory = _ => Path.Combine(RepositoryPaths.Root, "hardware", "local.yaml") };
        var targets = new Option<string?>("--targets") { Description = "Qualification file: targets per profile and per board (profiles:, boards:), over the profiles' own qualify: keys (firmware-profiles/README.md)." };
        var tolerance = new Option<double?>("--tolerance") { Description = "Agreement target on every board: how far the board's answers may be from the host's (0: identical SST-2 predictions or equal perplexity; else the share of differing predictions, or perplexity's relative difference). Default: the profile's or the file's agreement." }.InRange(0.0, 1.0);
        var quick = new Option<bool>("--quick") { Description = "Short power windows for tests and demonstrations (1 s, 3 windows); the report says quick." };
        var output = new Option<string?>("--out") { Description = "Folder for the reports. Default: qualify-<UTC time> in the runs folder ($QSLM_RUNS or runs/)." }.WritableFolder();
        var sentences = new Option<int>("--sst2-sentences") { Description = "SST-2 dev sentences a classifier is scored on, on the host and on each board (the first N).", DefaultValueFactory = _ => 872 }.InRange(1, 100_000);
        var tokens = new Option<int>("--lm-tokens") { Description = "WikiText-2 test tokens a language model is scored on (the first N).", DefaultValueFactory = _ => 4000 }.InRange(1, int.MaxValue);
        var boardTokens = new Option<int>("--board-tokens") { Description = "Tokens per timed repeat, for latency.", DefaultValueFactory = _ => 256 }.InRange(1, 10_000_000);
        var boardRepeats = new Option<int>("--board-repeats") { Description = "Timed repeats the latency percentiles are taken over (fewer than 100: p99 is the slowest repeat).", DefaultValueFactory = _ => 20 }.InRange(1, 10_000);
        var lavaOptions = new LavaOptions("Run on a LAVA farm at this URL instead of the bench: the models are spread over every healthy device of --device-type, one job per device, in parallel; a job LAVA ends with an infrastructure error is run again on another device.");
        var maintenanceAfter = new Option<int?>("--lava-maintenance-after") { Description = "With --lava: put a device that failed for infrastructure in this many qualify runs in a row on the farm (this run included, read from the history) into maintenance through LAVA's API, with the reason. Default: only report such a device." }.InRange(1, 1000);
        var history = HistoryOptions.History();
        var who = HistoryOptions.Operator();
        var boardWait = BoardWaitOption.Create();
        var hangTimeout = new Option<double?>("--hang-timeout")
        {
            Description = "Seconds after which a board that has not answered a step counts as hung; a board with a power_switch in the bench file is then power-cycled once and its remaining checks run again (counted as an infrastructure incident). Default: each step's own limit (minutes).",
        }.InRange(1.0, 86_400.0, "s");
        var command = new Command("qualify", "Qualify packed models per board: predictions agree with the host's on the same packed file, peak memory within the profile's budget, per-token latency p50 and p99, power and energy under their ceilings (measured in windows only where a ceiling is set), settings read back as pinned. Each check is passed, failed, not run (no threshold) or an error (infrastructure). Targets come from the profiles' qualify: keys or --targets. Exit 1 if a check failed, else 3 if a board failed, else 0.")
        {
            models, board, tag, bench, targets, tolerance, quick, output, sentences, tokens, boardTokens, boardRepeats, boardWait, hangTimeout, lavaOptions.Url, lavaOptions.DeviceType, lavaOptions.Config, lavaOptions.AgentRuntime, lavaOptions.ArtifactAddress, lavaOptions.Tags, maintenanceAfter, history, who,
        };
        command.SetAction(async (parse, cancel) =>
        {
            await Task.Yield();
            return await CommandRunner.RunAsync(parse, () => RunAsync(parse, cancel));
        });
        return command;

        async Task<int> RunAsync(ParseResult parse, CancellationToken cancel)
        {
            // Everything the user gave is checked before the run is recorded: bad input leaves the history untouched.
            var benchPath = parse.GetValue(bench)!;
            var profiles = SearchBoard.ProfilesFolderFor(benchPath);
            QSLM.Boards.Inventory.Bench loaded;
            IReadOnlyList<string> names;
            LavaQualify? farm = null;
            if (parse.GetValue(lavaOptions.Url) is { } lavaUrl)
            {
                if ((parse.GetValue(board) ?? []).Length > 0 || (parse.GetValue(tag) ?? []).Length > 0)
                    throw new InputException("--lava runs on the farm's devices of --device-type: --board and --tag pick boards of a bench");
                farm = await lavaOptions.OpenAsync(parse, lavaUrl, cancel);
                loaded = new QSLM.Boards.Inventory.Bench("lava", farm.Client.Server.ToString(), []);
                names = farm.Devices;
            }
            else
            {
                if (parse.GetValue(maintenanceAfter) is not null || lavaOptions.TagsOf(parse).Count > 0)
                    throw new InputException("--lava-tag and --lava-maintenance-after are about LAVA devices: they need --lava");
                loaded = BoardsCommand.Load(benchPath, profiles);
                names = QualifyBoards.Select(loaded, profiles, parse.GetValue(board) ?? [], parse.GetValue(tag) ?? []);
                foreach (var name in names) QSLM.Boards.Inventory.BenchFile.RequireKeyFile(loaded, QSLM.Harness.Boards.BoardSessions.Find(loaded, name));
            }
            using var farmClient = farm?.Client;
            var file = parse.GetValue(targets) is { } targetsPath ? QualificationFile.Load(targetsPath) : null;
            var data = CheckData.Load(parse.GetValue(sentences), parse.GetValue(tokens));
            var vocabulary = data.Vocabulary.Hash();
            var packed = (parse.GetValue(models) ?? []).Select(m => QualifyModel.Load(m, vocabulary)).ToList();
            if (packed.GroupBy(m => m.Label).FirstOrDefault(g => g.Count() > 1) is { } twice)
                throw new InputException($"two models are named {twice.Key}: give each model a file name of its own");
            var rules = LabWindowOptions.Parse(parse.GetValue(quick), null, null);
            var run = new RunSettings(parse.GetValue(boardTokens), Warmup: Math.Max(16, parse.GetValue(boardTokens) / 4), parse.GetValue(boardRepeats), Seed: 1, Threads: 0);
            var request = new QualifyRequest(loaded, profiles, names, packed, data, file, parse.GetValue(tolerance), rules, run,
                PowerCommand.LoadCalibration(Path.Combine(RepositoryPaths.Root, "calibration"))) 
            {
                BoardWait = BoardWaitOption.Value(parse, boardWait),
                HangTimeout = parse.GetValue(hangTimeout) is { } hang ? TimeSpan.FromSeconds(hang) : null,
            };
            var folder = Path.GetFullPath(parse.GetValue(output)
                ?? Path.Combine(RepositoryPaths.Runs, "qualify-" + DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)));
            var commandLine = string.Join(' ', ["qslm", .. Environment.GetCommandLineArgs().Skip(1)]);
            var started = DateTimeOffset.UtcNow;

            using var store = HistoryOptions.Open(parse.GetValue(history));
            var provenance = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["qslm_version"] = QslmBuild.Version,
                [farm is null ? "bench" : "lava"] = loaded.Path,
                ["window_rules"] = QualifyReport.WindowRules(rules),
            };
            if (QslmBuild.Commit is { } commit) provenance["commit"] = commit;
            foreach (var model in packed) provenance["sha256:" + model.Label] = model.Sha256;
            using var recorder = store.Begin(new RunStart(RunKind.Qualify, request.Boards.Count == 0 ? "no boards" : $"qualify {string.Join(", ", packed.Select(m => m.Label))} on {string.Join(", ", names)}",
                folder, commandLine, parse.GetValue(who), provenance));
            foreach (var model in packed) recorder.Candidate(new CandidateRecord(model.Label, model.Sha256, null, "qualified", null, model.Bytes, null));
            Terminal.WriteLine($"qualify: {packed.Count} models on {names.Count} {(farm is null ? "boards" : "LAVA devices")} of {loaded.Path}; run {recorder.RunId} in {store.Location}");

            var sink = new HistoryQualifySink(recorder, Terminal.WriteLine);
            var backend = farm?.Backend(Path.Combine(folder, "lava-jobs"));
            var result = backend is null
                ? await QualifyRunner.RunAsync(request, sink, cancel)
                : await QualifyRunner.RunOnBackendAsync(request, sink, backend, cancel);
            if (farm is not null && backend is not null)
            {
                // Read back from the history, which already holds this run's incidents.
                foreach (var device in await FailingDevices.ReviewAsync(farm.Client, store, backend.InfrastructureFailures, parse.GetValue(maintenanceAfter), Terminal.WriteLine, cancel))
                    recorder.Provenance(new Dictionary<string, string> { ["lava_maintenance." + device] = "put into maintenance after repeated infrastructure failures" });
            }
            var tally = QualifyTally.Of(result.Checks) with { Incidents = result.Incidents.Count };
            var report = FigureBuilder.WithFigures(QualifyReport.Build(request, result,
                new ReportProvenance(QslmBuild.Version, QslmBuild.Commit, parse.GetValue(who), Environment.MachineName, commandLine, started, DateTimeOffset.UtcNow, QualifyReport.WindowRules(rules)),
                recorder.RunId));
            foreach (var written in ReportSet.Write(report, folder)) Terminal.WriteLine($"wrote {written}");
            recorder.Finish(RunStatus.Completed, tally.Outcome);
            Summarise(result.Checks);
            Terminal.WriteLine($"qualify: {tally.Outcome}");
            return tally.ExitCode;
        }
    }

    private static void Summarise(IReadOnlyList<CheckResult> checks)
    {
        foreach (var group in checks.GroupBy(c => (c.Board, c.Model)))
            Terminal.WriteLine($"{group.Key.Board} {group.Key.Model}: " + string.Join(", ", group.Select(c => $"{c.Check} {HistoryQualifySink.StatusWord(c.Status)}")));
    }
}
