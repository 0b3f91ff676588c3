using System.CommandLine;
using System.Globalization;
using System.Reflection;
using QSLM.Cli.Progress;
using QSLM.Cli.Rendering;
using QSLM.Cli.Reports;
using QSLM.Cli.RunOptions;
using QSLM.Cli.SearchOptions;
using QSLM.CommandLine;
using QSLM.Errors;
using QSLM.Harness;
using QSLM.Harness.Farms;
using QSLM.Harness.Search;
using QSLM.Search.Board;
using Spectre.Console;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm search</c>: the tiered precision search of a model under constA and constM.</summary>
internal static class SearchCommand
{
    public static Command Create()
    {
        var task = new Option<string>("--task") { Description = "What the candidates are scored on: sst2 (the classifier's SST-2 dev accuracy) or lm (the LM's WikiText-2 test perplexity).", DefaultValueFactory = _ => "sst2" };
        task.AcceptOnlyFromAmong("sst2", "lm");
        var constA = new Option<string?>("--const-a") { Description = "Accuracy constraint: acc>=FRACTION, acc>=-POINTSpt (below the fp32 baseline), ppl<=VALUE or ppl<=+PERCENT%. Default: acc>=-1pt for sst2, ppl<=+5% for lm." };
        var constM = new Option<string?>("--const-m") { Description = "Memory constraint: the packed model's size at most this, in bytes or with kB, MB, MiB (e.g. 2MB). Default: none." };
        var alpha = new Option<double>("--alpha") { Description = "Weight of the memory saving in the objective J = A + alpha*M (docs/search.md, \"The objective\"): 0 keeps the most accurate feasible candidate, larger values smaller ones (at least 0 and at most 100).", DefaultValueFactory = _ => 0.5 };
        var menu = new Option<string>("--menu") { Description = "Precisions the search may give a module, highest first.", DefaultValueFactory = _ => "int8,int6,int4,int3,int2,sign1" };
        var sentences = new Option<int>("--sst2-sentences") { Description = "SST-2 dev sentences each candidate is scored on (the first N).", DefaultValueFactory = _ => 872 }.InRange(1, 100_000);
        var sensitivitySentences = new Option<int>("--sensitivity-sentences") { Description = "SST-2 dev sentences each sensitivity measurement is scored on (the first N; they only order the search's moves).", DefaultValueFactory = _ => 200 }.InRange(1, 100_000);
        var sensitivityTokens = new Option<int>("--sensitivity-tokens") { Description = "WikiText-2 test tokens each sensitivity measurement is scored on (--task lm).", DefaultValueFactory = _ => 4000 }.InRange(1, int.MaxValue);
        var tokens = new Option<int>("--lm-tokens") { Description = "WikiText-2 test tokens each candidate is scored on (--task lm), and the chosen candidate's perplexity is reported on (--task sst2).", DefaultValueFactory = _ => 20_000 }.InRange(1, int.MaxValue);
        var lm = new Option<string>("--lm") { Description = "Language model checkpoint.", DefaultValueFactory = _ => RepositoryPaths.ReferenceLm };
        var sst2 = new Option<string>("--sst2") { Description = "SST-2 classifier checkpoint; one without emb.weight takes it from --lm.", DefaultValueFactory = _ => RepositoryPaths.ReferenceSst2 };
        var output = new Option<string?>("--out") { Description = "Folder for search.csv and manifest.json; an existing search there is resumed. Default: a new folder under runs/ ($QSLM_RUNS when set)." }.WritableFolder();
        var cache = new Option<string>("--cache") { Description = "Folder of host evaluations reused across searches of the same model and data.", DefaultValueFactory = _ => Path.Combine(RepositoryPaths.Runs, "cache") }.WritableFolder();
        var board = new Option<string[]>("--board") { Description = "The board candidates are measured on, by name in --bench (repeat for several: each tier's candidates are shared out over them in parallel, and a board that fails for infrastructure hands its candidate to another); 'none' for a host-only search.", DefaultValueFactory = _ => ["local"] };
        var bench = new Option<string>("--bench") { Description = "Bench file that names the board (hardware/README.md).", DefaultValueFactory = _ => Path.Combine(RepositoryPaths.Root, "hardware", "local.yaml") };
        var boardTop = new Option<int>("--board-top") { Description = "How many of each tier's best feasible candidates are measured on the board before the next tier (the answer always is).", DefaultValueFactory = _ => 2 }.InRange(1, 1000);
        var powerWeight = new Option<double>("--power-weight") { Description = "beta: weight of the power saving measured on the board in J = A + alpha*M + beta*P (P = 1 - energy per token / the fp32 baseline's, same workload; at least 0 and at most 100).", DefaultValueFactory = _ => 0 };
        var sensor = new Option<string?>("--sensor") { Description = "A meter on the host beside the board, measuring its supply, aligned with the agent's marks: " + QSLM.Sensors.Discovery.SensorSpec.Help + ". Default: the bench file's meters for the board, else the first sensor its profile names that the board reads itself; with neither, power is estimated from the run's counted operations (labelled estimated)." };
        var windowSeconds = new Option<double?>("--window-seconds") { Description = "With a meter: length of each measured window, at least 10 s outside --quick-windows (default 10, MLPerf Tiny)." }.InRange(0.05, 86_400.0, "s");
        var windows = new Option<int?>("--windows") { Description = "With a meter: measured windows per candidate, each paired with one of the fp32 baseline in a seeded ABAB order (default 5, MLPerf Tiny; 3 with --quick-windows)." }.InRange(1, 1000);
        var quickWindows = new Option<bool>("--quick-windows") { Description = "With a meter: short windows for tests and demonstrations (1 s, 3 pairs, short warm-up and cool-down); every CSV row, the manifest and the summary say quick." };
        var boardTokens = new Option<int>("--board-tokens") { Description = "Tokens per timed repeat on the board.", DefaultValueFactory = _ => 256 }.InRange(1, 10_000_000);
        var boardRepeats = new Option<int>("--board-repeats") { Description = "Timed repeats on the board (each between acknowledged marks).", DefaultValueFactory = _ => 3 }.InRange(1, 1000);
        var maxLatency = new Option<string?>("--max-latency-ms") { Description = "Board limit: latency per token at most this many milliseconds (the board's median). Only a candidate measured on the board within every board limit can be chosen. Default: none." };
        var maxPower = new Option<string?>("--max-power-w") { Description = "Board limit: mean power while running at most this many watts, at the upper end of its 95% confidence interval. Default: none." };
        var maxEnergy = new Option<string?>("--max-energy-mj") { Description = "Board limit: energy per token at most this many millijoules, at the upper end of its 95% confidence interval. Default: none." };
        var maxEvaluations = new Option<int?>("--max-evaluations") { Description = "Budget: stop after this many host evaluations (sensitivity measurements included, counting those a resumed search already logged) and answer the best feasible candidate so far, confirmed on the board. Default: none." }.InRange(1, int.MaxValue);
        var maxBoardMeasurements = new Option<int?>("--max-board-measurements") { Description = "Budget: measure at most this many candidates on the board (the baseline included, counting those a resumed search already measured); past it the answer is the best feasible candidate among those measured. With a meter each measurement takes minutes. Default: none." }.InRange(1, int.MaxValue);
        var maxMinutes = new Option<string?>("--max-minutes") { Description = "Budget: stop before the next host evaluation once this run has searched this many minutes, and answer the best feasible candidate so far, confirmed on the board. Default: none." };
        var history = HistoryOptions.History();
        var @operator = HistoryOptions.Operator();
        var boardWait = BoardWaitOption.Create();
        var lavaOptions = new LavaOptions("Measure the board tier on a LAVA farm at this URL instead of --board: each tier's candidates are dealt over every healthy device of --device-type, one job per device with several candidates, in parallel; a job LAVA ends with an infrastructure error has its candidates run again on another device. Power comes from a meter the devices' boards read themselves (--lava-board) or is estimated from counted operations.");
        var lavaBoard = new Option<string?>("--lava-board") { Description = "With --lava: the board of --bench that describes the devices: its profile (sensors, settings, memory budget), its meters on the board, and its simulated_board, which each device's agent then simulates. Default: none (no profile; power estimated)." };
        var tolerance = new Option<double?>("--board-tolerance") { Description = "How far the board's score may be from the host's before the candidate counts as giving wrong output: accuracy as a fraction (default 0.005, half a point) or perplexity's relative change (default 0.01)." }.InRange(0.0, 1.0);

        var command = new Command("search", "Tiered search (global -> block -> module) for the precision of every part of a SpikeGPT under constA and constM, maximising J = A + alpha*M. "
            + "Every candidate is numbered, evaluated on the host with the packed format's own codecs, and logged to search.csv; a killed search resumes where it stopped.")
        {
            task, constA, constM, alpha, menu, sentences, tokens, sensitivitySentences, sensitivityTokens, lm, sst2, output, cache,
            board, bench, boardTop, boardWait, powerWeight, sensor, windowSeconds, windows, quickWindows, boardTokens, boardRepeats, tolerance,
            maxLatency, maxPower, maxEnergy, maxEvaluations, maxMinutes, maxBoardMeasurements, history, @operator,
            lavaOptions.Url, lavaOptions.DeviceType, lavaOptions.Config, lavaOptions.AgentRuntime, lavaOptions.ArtifactAddress, lavaOptions.Tags, lavaBoard,
        };
        command.SetAction(async (parse, cancel) =>
        {
            // Returns to System.CommandLine at once, so its Ctrl+C and SIGTERM handling is in place
            // before the search starts.
            await Task.Yield();
            return await CommandRunner.RunAsync(parse, () => RunAsync(parse, cancel));
        });
        return command;

        async Task<int> RunAsync(ParseResult parse, CancellationToken cancel)
        {
            var isSst2 = parse.GetValue(task) == "sst2";
            var objective = ObjectiveOptions.Parse(isSst2, parse.GetValue(constA), parse.GetValue(constM), parse.GetValue(alpha), parse.GetValue(powerWeight))
                with { Limits = BoardLimitOptions.Parse(parse.GetValue(maxLatency), parse.GetValue(maxPower), parse.GetValue(maxEnergy)) };
            var budget = SearchBudgetOptions.Parse(parse.GetValue(maxEvaluations), parse.GetValue(maxMinutes), parse.GetValue(maxBoardMeasurements));
            var formats = SearchMenu.Parse(parse.GetValue(menu)!);
            if (parse.GetValue(boardTop) < 1 || parse.GetValue(boardTokens) < 1 || parse.GetValue(boardRepeats) < 1)
                throw new InputException("--board-top, --board-tokens and --board-repeats must be positive");
            var lavaUrl = parse.GetValue(lavaOptions.Url);
            if (lavaUrl is not null && parse.GetResult(board) is { Implicit: false })
                throw new InputException("--lava measures on the farm's devices of --device-type: --board picks boards of a bench (give one or the other)");
            if (lavaUrl is not null && parse.GetValue(sensor) is not null)
                throw new InputException("--sensor is a meter on the host beside the board: a LAVA job runs without qslm beside its device (docs/farm.md); --lava-board names a board whose meter the device reads itself");
            if (lavaUrl is null && (lavaOptions.TagsOf(parse).Count > 0 || parse.GetValue(lavaBoard) is not null))
                throw new InputException("--lava-tag and --lava-board are about LAVA devices: they need --lava");
            var boardNames = lavaUrl is not null ? [$"lava:{parse.GetValue(lavaOptions.DeviceType)}"] : parse.GetValue(board) is { Length: > 0 } named ? named : ["local"];
            var hostOnly = boardNames.Contains("none");
            if (hostOnly && boardNames.Length > 1)
                throw new InputException("--board none searches on the host only: it takes no other board");
            if (boardNames.Distinct(StringComparer.Ordinal).Count() != boardNames.Length)
                throw new InputException($"--board names a board twice: {string.Join(", ", boardNames)}");
            var boardName = string.Join(", ", boardNames);
            if (hostOnly && (objective.Beta > 0 || parse.GetValue(sensor) is not null))
                throw new InputException("--power-weight and --sensor need a board; --board none searches on the host only");
            if (hostOnly && budget.MaxBoardMeasurements is not null)
                throw new InputException("--max-board-measurements needs a board; --board none searches on the host only");
            if (hostOnly && objective.Limits.Any)
                throw new InputException("--max-latency-ms, --max-power-w and --max-energy-mj need a board (a candidate is only chosen under them once measured there); --board none searches on the host only");
            var windowRules = LabWindowOptions.Parse(parse.GetValue(quickWindows), parse.GetValue(windowSeconds), parse.GetValue(windows));
            var farm = lavaUrl is null ? null : await lavaOptions.OpenAsync(parse, lavaUrl, cancel);
            using var farmClient = farm?.Client;
            // Opened once the options are known good: a history of a newer schema is refused before anything runs.
            using var runs = HistoryOptions.Open(parse.GetValue(history));
            var request = new SearchRequest(
                $"qslm {Assembly.GetExecutingAssembly().GetName().Version}", isSst2, objective, formats,
                parse.GetValue(lm)!, parse.GetValue(sst2)!, parse.GetValue(sentences), parse.GetValue(tokens), parse.GetValue(sensitivitySentences), parse.GetValue(sensitivityTokens),
                parse.GetValue(output), parse.GetValue(cache)!, hostOnly ? null : boardNames[0], parse.GetValue(bench)!, parse.GetValue(boardTop),
                parse.GetValue(sensor), parse.GetValue(boardTokens), parse.GetValue(boardRepeats), parse.GetValue(tolerance), budget,
                windowRules, runs, parse.GetValue(@operator), CommandText.Of(parse)) { BoardWait = BoardWaitOption.Value(parse, boardWait), OtherBoards = hostOnly ? [] : boardNames[1..],
                    Lava = farm is null ? null : new LavaSearch(farm.Client, farm.Options, parse.GetValue(lavaBoard)) };

            var result = await SearchRunner.RunAsync(request, new SearchConsole(formats.Count), WarningLines.Instance, cancel);
            switch (result.Outcome)
            {
                case SearchOutcome.InfrastructureFailure:
                    Terminal.Error.WriteLine($"qslm: infrastructure failure on board {boardName}: {result.Failure}");
                    if (result.LostBoards.Count > 0) Terminal.Error.WriteLine($"qslm: boards lost to infrastructure: {string.Join(", ", result.LostBoards)}");
                    Terminal.Error.WriteLine("qslm: no candidate was marked bad; fix the board and run the same command again to resume");
                    return InfrastructureFailure;
                case SearchOutcome.Cancelled:
                    Terminal.Error.WriteLine($"qslm: search cancelled; the {result.Ledger.All.Count} candidates so far are logged in {result.Folder}, and the same command resumes it");
                    return Cancelled;
            }
            var chosen = result.Chosen!;
            Summarise(result, isSst2);
            // The plots are drawn from the CSV, as `qslm report` draws them, so both show the same run.
            var run = SearchRun.Load(Path.Combine(result.Folder, SearchFolder.LogFile));
            var pick = run.Candidates.First(r => r.Candidate == chosen.Id);
            foreach (var line in RunPlots.Save(run, RunPlots.Front(run), pick, Path.Combine(result.Folder, "pareto.png"))) Terminal.WriteAnsiLine(line);
            if (result.HistoryRunId is { } recorded) Terminal.WriteAnsiLine($"history: run {recorded} in {runs.Location}");
            return CommandRunner.Success;
        }
    }

    /// <summary>Exit code of a search stopped by its board's infrastructure (resumable; no candidate blamed).</summary>
    public const int InfrastructureFailure = ExitCodes.Infrastructure;

    /// <summary>Exit code of a search stopped by Ctrl+C or SIGTERM (resumable), as shells report SIGINT.</summary>
    public const int Cancelled = ExitCodes.Interrupted;

    private static void Summarise(SearchResult result, bool isSst2)
    {
        var (ledger, chosen, folder) = (result.Ledger, result.Chosen!, result.Folder);
        var inv = CultureInfo.InvariantCulture;
        var baseline = ledger.Baseline;
        var fp32Bytes = baseline.Bytes;
        var table = new Table().AddColumns(new TableColumn("").NoWrap(), new TableColumn("chosen"), new TableColumn("fp32 baseline"));
        table.AddRow("candidate", $"#{chosen.Id} ({chosen.Tier.ToString().ToLowerInvariant()} tier)", "#1");
        table.AddRow("precisions", Markup.Escape(chosen.Precisions.Compact), "fp32");
        table.AddRow("packed bytes", chosen.Bytes.ToString("N0", inv), fp32Bytes.ToString("N0", inv));
        table.AddRow("memory reduction against fp32", (1 - (double)chosen.Bytes / fp32Bytes).ToString("P2", inv), "0");
        table.AddRow(isSst2 ? "SST-2 dev accuracy (host)" : "WikiText-2 perplexity (host)",
            isSst2 ? chosen.Metric.ToString("P2", inv) : chosen.Metric.ToString("F2", inv),
            isSst2 ? baseline.Metric.ToString("P2", inv) : baseline.Metric.ToString("F2", inv));
        if (result.Lm is { } lm)
            table.AddRow($"LM perplexity at the same precisions ({lm.Tokens:N0} test tokens)", lm.Chosen.ToString("F2", inv), lm.Baseline.ToString("F2", inv));
        table.AddRow("objective J", chosen.Score.ToString("F4", inv), "0");
        var fp32 = ledger.All[0];
        if (ledger.HasBoard)
        {
            string Value(BoardMeasurement? m, Func<BoardMeasurement, string> format) => m is null ? "not measured" : m.Failure is { } f ? Markup.Escape("failed: " + f) : Markup.Escape(format(m));
            var board = ledger.Board ?? "board";
            if (chosen.Board?.MeasuredOn is not null || fp32.Board?.MeasuredOn is not null)
                table.AddRow("measured on", Markup.Escape(chosen.Board?.MeasuredOn ?? "not measured"), Markup.Escape(fp32.Board?.MeasuredOn ?? "not measured"));
            table.AddRow($"on {board}: {(isSst2 ? "SST-2 dev accuracy" : "perplexity")} of the packed file", Value(chosen.Board, m => isSst2 ? m.BoardValue!.Value.ToString("P2", inv) : m.BoardValue!.Value.ToString("F2", inv)),
                Value(fp32.Board, m => isSst2 ? m.BoardValue!.Value.ToString("P2", inv) : m.BoardValue!.Value.ToString("F2", inv)));
            table.AddRow($"on {board}: latency per token", Value(chosen.Board, m => m.LatencyMs!.Value.ToString("F3", inv) + " ms"), Value(fp32.Board, m => m.LatencyMs!.Value.ToString("F3", inv) + " ms"));
            table.AddRow($"on {board}: peak resident memory of the agent", Value(chosen.Board, m => (m.PeakRssBytes! / 1e6).Value.ToString("F1", inv) + " MB"), Value(fp32.Board, m => (m.PeakRssBytes! / 1e6).Value.ToString("F1", inv) + " MB"));
            table.AddRow($"on {board}: power", Value(chosen.Board, BoardPowerText.Power), Value(fp32.Board, BoardPowerText.Power));
            table.AddRow($"on {board}: energy per token", Value(chosen.Board, BoardPowerText.Energy), Value(fp32.Board, BoardPowerText.Energy));
            if (chosen.Board?.Windows is not null || fp32.Board?.Windows is not null)
                table.AddRow($"on {board}: windows", Value(chosen.Board, BoardPowerText.Windows), Value(fp32.Board, BoardPowerText.Windows));
            if (chosen.Board?.Saving is not null)
                table.AddRow($"on {board}: energy saving against fp32, interleaved in the same run", Markup.Escape(BoardPowerText.Saving(chosen.Board)), "");
            if (ledger.BoardLimits.Any)
                table.AddRow($"on {board}: limits {Markup.Escape(ledger.BoardLimits.ToString())}", Markup.Escape(chosen.Limits?.ToString() ?? "not checked"), "");
        }
        Terminal.Write(table);
        if (!ledger.HasBoard) Terminal.WriteAnsiLine("power: not measured (a host-only search, --board none)");
        if (ledger.StoppedByBudget is { } budget)
            Terminal.WriteAnsiLine($"stopped by budget: {budget}; the answer is the best feasible candidate so far{(ledger.HasBoard ? ", confirmed on the board" : "")}, and the same command with a larger budget continues the search");
        Terminal.WriteAnsiLine(string.Create(inv,
            $"{ledger.All.Count} candidates ({ledger.Replayed} replayed from the log, {result.CacheHits} from the evaluation cache), {ledger.All.Count(c => c.Board is not null)} measured on the board ({ledger.All.Count(c => c.Board?.Failure is not null)} failed there, {ledger.ReplayedMeasurements} replayed); results: {Path.Combine(folder, "search.csv")}"));
        if (result.LostBoards.Count > 0 || ledger.BoardReruns > 0)
            Terminal.WriteAnsiLine(Markup.Escape(string.Create(inv,
                $"boards lost to infrastructure: {(result.LostBoards.Count > 0 ? string.Join(", ", result.LostBoards) : "none")}; {ledger.BoardReruns} candidate measurement(s) rerun on another board (no candidate blamed)")));
        if (result.ChosenModel is { } model) Terminal.WriteAnsiLine($"chosen model file: {model}");
    }
}
