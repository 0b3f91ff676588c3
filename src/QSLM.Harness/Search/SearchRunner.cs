using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QSLM.Boards.Sessions;
using QSLM.Boards.Settings;
using QSLM.Format.Formats;
using QSLM.Harness.History;
using QSLM.Harness.Reporting;
using QSLM.History.Records;
using QSLM.Sensors.Sampling;
using QSLM.Errors;
using QSLM.Model.Evaluation;
using QSLM.Model.Quantization;
using QSLM.Protocol.Messages;
using QSLM.Search.Hierarchy;
using QSLM.Search.Objective;
using QSLM.Search.Tiers;
using QSLM.Sensors.Board;

namespace QSLM.Harness.Search;

/// <summary>
/// One run of the tiered search with its board in the loop, as <c>qslm search</c>, a test or a farm
/// worker asks for it: loads the inputs, opens (or resumes) the search's folder, brings the board up,
/// searches, writes the answer into the manifest, packs it for the board, and measures the LM at the
/// chosen precisions. What it reports goes to an <see cref="IProgress{T}"/>; warnings to an
/// <see cref="ILogger"/>; it writes nothing to the console.
/// </summary>
public static class SearchRunner
{
    /// <summary>Runs <paramref name="request"/>. A cancelled token stops the search before its next
    /// candidate (and a board run in progress with it); the result then says so, and everything logged stays.</summary>
    /// <exception cref="InputException">Bad input, or no candidate meets the constraints.</exception>
    public static async Task<SearchResult> RunAsync(SearchRequest request, IProgress<SearchEvent>? progress = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        logger ??= NullLogger.Instance;
        var objective = request.Objective;
        var budget = request.Budget ?? SearchBudget.None;
        var inputs = HostSearchInputs.Load(request.IsSst2, request.LmPath, request.Sst2Path, request.Sentences, request.Tokens, request.SensitivitySentences, request.SensitivityTokens);
        var folder = request.OutputFolder ?? Path.Combine(RepositoryPaths.Runs, string.Create(CultureInfo.InvariantCulture, $"search-{DateTime.UtcNow:yyyyMMdd-HHmmss}"));
        using var host = inputs.OpenEvaluators(request.CacheFolder, logger);

        // The board comes up first: the tag its meter's figures carry and the settings it read back go into the manifest.
        var boardLines = progress is null ? null : new BoardLines(progress);
        var boards = request.Lava is null ? OpenBoards(request) : [];
        var boardsText = string.Join(", ", request.Boards);
        var fp32 = Precisions.Uniform(host.Hierarchy, QuantFormats.Fp32);
        await using ISearchBoards? measurer = request.Lava is { } lava ? LavaBoards.Open(request, lava, inputs, folder, fp32, boardLines)
            : boards.Count == 0 ? null
            : new SearchBoards([.. boards.Select(b => OpenBoard(request, b, inputs, folder, fp32, boardLines, several: boards.Count > 1))], boardLines);
        var (powerSource, settings) = (default(SourceTag?), default(AppliedSettings?));
        if (measurer is not null) (powerSource, settings) = await measurer.PrepareAsync(cancellationToken).ConfigureAwait(false);
        var manifest = new SearchManifest(
            request.Tool,
            inputs.Task,
            inputs.ModelSha256.ToDictionary(),
            inputs.DataSha256.ToDictionary(),
            request.Board is null ? "none (host only: fake quantization with the packed format's codecs)"
                : request.Lava is { } farm ? farm.Describe() : $"{boardsText} of {Path.GetFileName(request.BenchPath)}",
            inputs.Evaluation,
            objective.ConstA.ToString(), objective.ConstM, objective.Alpha, request.Menu.Select(f => f.Name).ToList(),
            DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture),
            objective.Beta, powerSource,
            MaxLatencyMs: objective.Limits.MaxLatencyMs, MaxPowerWatts: objective.Limits.MaxPowerWatts, MaxEnergyJoulesPerToken: objective.Limits.MaxEnergyJoulesPerToken,
            MaxEvaluations: budget.MaxEvaluations, MaxMinutes: budget.MaxWallTime?.TotalMinutes)
        {
            PowerWindows = measurer?.PowerWindows,
            MaxBoardMeasurements = budget.MaxBoardMeasurements,
            BoardSettings = settings?.Settings,
        };

        using var opened = SearchFolder.Open(folder, manifest);
        manifest = opened.Manifest;
        progress?.Report(new SearchOpened(folder, opened.Completed.RowCount, manifest, objective, host.Hierarchy));
        progress?.Report(new SearchStarted());
        SearchLedger? ledger = null;
        SearchRecording? recording = null;
        ledger = new SearchLedger(host.Hierarchy, host.Candidates, host.Sensitivity, objective, opened.Log, opened.Completed, c =>
        {
            recording?.Candidate(ledger!.ToRow(c), c.Board?.MeasuredOn);
            progress?.Report(new CandidateReported(c, ledger!.Describe(c)));
        }, measurer?.Measurer)
        {
            Budget = budget,
        };
        // Recorded from here on: the inputs, the board, the folder and the search's own checks are known good, so bad
        // input never reaches the history.
        using var recorded = recording = Record(request, manifest, folder, opened.Completed.RowCount, measurer?.WindowsLog);
        foreach (var board in boards) recording?.Board(board.Session, board.Profile?.Name);
        Candidate chosen;
        try
        {
            chosen = await new TieredSearch(ledger, request.Menu) { BoardCandidatesPerTier = request.BoardTop }.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InfrastructureFailureException e)
        {
            recording?.Finish(RunStatus.InfrastructureError, $"infrastructure failure on board {boardsText} after {ledger.All.Count} candidates: {e.Message}");
            return new SearchResult(SearchOutcome.InfrastructureFailure, folder, ledger, CacheHits: host.CacheHits, Failure: e.Message) { LostBoards = measurer?.Lost ?? [] };
        }
        catch (InputException e)
        {
            // No feasible candidate: the run ended, without an answer.
            recording?.Finish(RunStatus.Completed, $"no answer after {ledger.All.Count} candidates: {e.Message}");
            throw;
        }
        catch (OperationCanceledException)
        {
            recording?.Finish(RunStatus.Cancelled, $"cancelled after {ledger.All.Count} candidates; the same command resumes it");
            return new SearchResult(SearchOutcome.Cancelled, folder, ledger, CacheHits: host.CacheHits);
        }
        (manifest with { Chosen = chosen.Id, StoppedByBudget = ledger.StoppedByBudget }).Write(Path.Combine(folder, SearchFolder.ManifestFile));
        string? chosenModel = null;
        if (measurer is not null)
        {
            chosenModel = Path.Combine(folder, "chosen.qslm");
            measurer.Pack(chosen, chosenModel);
        }
        var lm = inputs.IsSst2 ? LmAtSamePrecisions(chosen, inputs) : null;
        recording?.Finish(RunStatus.Completed, Outcome(chosen, ledger));
        return new SearchResult(SearchOutcome.Chosen, folder, ledger, chosen, host.CacheHits, lm, chosenModel) { HistoryRunId = recording?.RunId, LostBoards = measurer?.Lost ?? [] };
    }

    // The LM with the classifier's precisions (its head at the classifier head's format).
    private static LmPerplexity LmAtSamePrecisions(Candidate chosen, HostSearchInputs inputs)
    {
        using var lmModel = HostModels.LoadForVocabulary(inputs.LmPath, null, inputs.Vocabulary);
        var lmPrecisions = chosen.Precisions.For(ModelHierarchy.FromTensors(lmModel.state_dict().Select(kv => (kv.Key, kv.Value.shape))));
        var basePpl = PerplexityEvaluator.Evaluate(lmModel, inputs.Test, inputs.StartToken).Perplexity;
        FakeQuantizer.Apply(lmModel, lmPrecisions.ToAssignment());
        var ppl = PerplexityEvaluator.Evaluate(lmModel, inputs.Test, inputs.StartToken).Perplexity;
        return new LmPerplexity(ppl, basePpl, inputs.Test.Length);
    }

    // A resumed search is a new run of the history, its label saying so: the replayed candidates are recorded again in it.
    private static SearchRecording? Record(SearchRequest request, SearchManifest manifest, string folder, int replayedRows, string? windowsLog)
    {
        if (request.History is null) return null;
        var resumed = replayedRows > 0 ? string.Create(CultureInfo.InvariantCulture, $" (resumed: {replayedRows} logged rows replayed)") : "";
        var label = $"search {manifest.Task} {manifest.ConstA} on {(request.Board is null ? "the host" : string.Join(", ", request.Boards))}{resumed}";
        var provenance = SearchImport.Provenance(manifest);
        provenance["qslm_version"] = QslmBuild.Version;
        if (QslmBuild.Commit is { } commit) provenance["qslm_commit"] = commit;
        var run = request.History.Begin(new RunStart(RunKind.Search, label, Path.GetFullPath(folder), request.CommandLine ?? "qslm search", request.Operator, provenance));
        return new SearchRecording(run, request.Board, windowsLog);
    }

    private static string Outcome(Candidate chosen, SearchLedger ledger) => string.Create(CultureInfo.InvariantCulture,
        $"chose {SearchRecords.Label(chosen.Id)} of {ledger.All.Count} candidates{(ledger.StoppedByBudget is { } budget ? $", stopped by budget: {budget}" : "")}");

    // Every board is opened (its lock taken) before any is brought up, in the order of their names, so two processes
    // waiting for boards they share (--board-wait) cannot each hold one the other waits for; a board that cannot be
    // opened releases those opened before it. The boards come back in the order they were named.
    private static List<SearchBoard> OpenBoards(SearchRequest request)
    {
        if (request.Boards.Distinct(StringComparer.Ordinal).Count() != request.Boards.Count)
            throw new InputException($"a board is named twice: {string.Join(", ", request.Boards)}");
        var boards = new List<SearchBoard>();
        try
        {
            foreach (var name in request.Boards.Order(StringComparer.Ordinal)) boards.Add(SearchBoard.Open(request.BenchPath, name, request.BoardWait));
            return [.. request.Boards.Select(name => boards.Single(b => b.Session.Name == name))];
        }
        catch
        {
            foreach (var board in boards) board.Session.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    private static AgentBoardMeasurer OpenBoard(SearchRequest request, SearchBoard board, HostSearchInputs inputs, string folder, Precisions fp32, IProgress<string>? lines, bool several)
    {
        var isSst2 = inputs.IsSst2;
        var power = BoardMeters.Plan(board, request.SensorSpec, request.Windows ?? new LabWindowRules());
        var model = HostModels.LoadForVocabulary(isSst2 ? inputs.Sst2Path : inputs.LmPath, isSst2 ? inputs.LmPath : null, inputs.Vocabulary);
        // Several boards pack their candidates and baselines into folders of their own.
        var packed = several ? Path.Combine(folder, "packed", board.Session.Name) : Path.Combine(folder, "packed");
        return new AgentBoardMeasurer(board.Session, model, inputs.Vocabulary.Hash(), packed, isSst2 ? MetricKind.Accuracy : MetricKind.Perplexity,
            CheckSettings(request, inputs), power, fp32, board.Budget, lines)
        {
            WindowsLog = Path.Combine(folder, "windows.csv"),
        };
    }

    /// <summary>How a search's candidates are checked and timed on a board: scored on the host's own slice, within the
    /// request's tolerance (or the task's default), timed with the request's workload.</summary>
    internal static BoardCheckSettings CheckSettings(SearchRequest request, HostSearchInputs inputs)
    {
        var (isSst2, dev, test, startToken) = (inputs.IsSst2, inputs.Dev, inputs.Test, inputs.StartToken);
        var run = new RunSettings(request.BoardTokens, Warmup: Math.Max(64, request.BoardTokens / 4), request.BoardRepeats, Seed: 1, Threads: 0);
        var tolerance = request.Tolerance ?? (isSst2 ? 0.005 : 0.01);
        var evaluation = isSst2
            ? new RunEvaluation("", EvaluationTask.Sst2, dev.Select(e => e.Tokens.Select(t => checked((int)t)).ToArray()).ToList(), dev.Select(e => e.Label).ToList(), [], 0, 1, 0)
            : new RunEvaluation("", EvaluationTask.Perplexity, [], [], test.Select(t => checked((int)t)).ToArray(), checked((int)startToken), PerplexityEvaluator.DefaultStreams, 0);
        return new BoardCheckSettings(evaluation, tolerance, run);
    }

    // Several boards report at once: one line at a time reaches the progress.
    internal sealed class BoardLines(IProgress<SearchEvent> progress) : IProgress<string>
    {
        private readonly Lock _lock = new();

        public void Report(string value)
        {
            lock (_lock) progress.Report(new BoardReported(value));
        }
    }
}
