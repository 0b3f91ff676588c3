using System.Globalization;
using System.Runtime.ExceptionServices;
using QSLM.Errors;
using QSLM.Search.Board;
using QSLM.Search.Hierarchy;
using QSLM.Search.Objective;
using QSLM.Search.Results;

namespace QSLM.Search.Tiers;

/// <summary>
/// Numbers, scores and logs every candidate the search asks for, once: a candidate asked for again
/// is answered from memory, and one already in the log of a killed run is answered from its row, so
/// a resumed search replays the same decisions without evaluating or writing anything twice.
/// Sensitivity measurements go to their own evaluator (a smaller slice of the data: they only
/// order the search's moves), are logged with tier <c>sensitivity</c>, and never compete for
/// <see cref="Best"/>, since their metric is on another slice. With a board attached, the
/// candidates the search builds on are also measured there (<see cref="MeasureAsync"/>): the board's
/// verdict and measured power rescore them, a board row follows the host row in the log, and a
/// resumed search replays those rows instead of measuring again. Under <see cref="BoardLimits"/> a
/// candidate is feasible only once its board measurement meets them, so the answer
/// (<see cref="ConfirmAsync"/>) has always been measured there. A <see cref="Budget"/> stops new
/// host evaluations (<see cref="SearchBudgetExhaustedException"/>).
/// </summary>
public sealed class SearchLedger
{
    private readonly ICandidateEvaluator _evaluator;
    private readonly ICandidateEvaluator _sensitivity;
    private readonly ResultsLog _log;
    private readonly IBoardMeasurer? _board;
    private readonly CompletedWork _completed;
    private double? _baselineEnergy;
    private readonly Dictionary<(Precisions, bool), Candidate> _known = [];
    private Evaluation? _sensitivityBaseline;
    private readonly List<Candidate> _all = [];
    private readonly Action<Candidate>? _onCandidate;
    private Evaluation? _baseline;
    private readonly long _started;

    /// <summary>Creates a ledger that writes to <paramref name="log"/> and replays <paramref name="completed"/>.</summary>
    /// <param name="hierarchy">The model's hierarchy.</param>
    /// <param name="evaluator">Scores candidates.</param>
    /// <param name="sensitivity">Scores sensitivity measurements (may be <paramref name="evaluator"/>).</param>
    /// <param name="objective">Constraints and objective.</param>
    /// <param name="log">The run's CSV.</param>
    /// <param name="completed">What an earlier run of the same search completed (read from <paramref name="log"/>'s rows), or <see cref="CompletedWork.None"/>.</param>
    /// <param name="onCandidate">Called with each candidate as it is known, and again once measured on the board.</param>
    /// <param name="board">The board candidates are measured on, or null for a host-only search.</param>
    /// <param name="clock">The clock of the time budget (the system's by default).</param>
    /// <exception cref="InputException"><paramref name="objective"/> bounds a board quantity and there is no board.</exception>
    public SearchLedger(ModelHierarchy hierarchy, ICandidateEvaluator evaluator, ICandidateEvaluator sensitivity, SearchObjective objective, ResultsLog log, CompletedWork completed,
        Action<Candidate>? onCandidate = null, IBoardMeasurer? board = null, TimeProvider? clock = null)
    {
        if (objective.Limits.Any && board is null)
            throw new InputException($"the bounds on the board's latency, power or energy ({objective.Limits}) need a board: a candidate is only chosen under them once measured there");
        Hierarchy = hierarchy;
        Objective = objective;
        _evaluator = evaluator;
        _sensitivity = sensitivity;
        _log = log;
        _onCandidate = onCandidate;
        _board = board;
        _completed = completed;
        Clock = clock ?? TimeProvider.System;
        _started = Clock.GetTimestamp();
    }

    /// <summary>When the search stops early (none by default).</summary>
    public SearchBudget Budget { get; init; } = SearchBudget.None;

    /// <summary>The clock of the time budget.</summary>
    public TimeProvider Clock { get; }

    /// <summary>Which bound of <see cref="Budget"/> stopped the search, in words, or null while it has not.</summary>
    public string? StoppedByBudget { get; private set; }

    /// <summary>Whether candidates are measured on a board.</summary>
    public bool HasBoard => _board is not null;

    /// <summary>The board's name, or null for a host-only search.</summary>
    public string? Board => _board?.Board;

    /// <summary>Board measurements answered from the log of an earlier run.</summary>
    public int ReplayedMeasurements { get; private set; }

    /// <summary>The model's hierarchy.</summary>
    public ModelHierarchy Hierarchy { get; }

    /// <summary>Constraints and objective.</summary>
    public SearchObjective Objective { get; }

    /// <summary>Every candidate so far, in order.</summary>
    public IReadOnlyList<Candidate> All => _all;

    /// <summary>Candidates answered from the log of an earlier run.</summary>
    public int Replayed { get; private set; }

    /// <summary>The fp32 baseline's metric and bytes (the first evaluation).</summary>
    public Evaluation Baseline => _baseline ?? throw new InvalidOperationException("the baseline has not been evaluated");

    /// <summary>
    /// The candidate for <paramref name="precisions"/>, evaluating it if it is new. A cancelled token
    /// stops new evaluations (replayed ones still come back): a cancelled search ends before its next
    /// candidate, not at the end of a tier, since one evaluation of a full dev set can take a minute on
    /// a small host. Logged rows stay, so the same command resumes.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before or during a new evaluation.</exception>
    /// <exception cref="SearchBudgetExhaustedException"><see cref="Budget"/> allows no more host evaluations; nothing is evaluated or logged.</exception>
    public async ValueTask<Candidate> EvaluateAsync(Precisions precisions, SearchTier tier, CancellationToken cancellationToken)
    {
        var sensitivity = tier == SearchTier.Sensitivity;
        if (_known.TryGetValue((precisions, sensitivity), out var known)) return known;
        var replay = _completed.TryGetHost(precisions.Compact, sensitivity, out var row);
        // Replayed evaluations count against the evaluation budget as they did when they were made, so a
        // resumed search stops where an uninterrupted one with the same budget would; they take no time.
        if (Budget.MaxEvaluations is { } most && _all.Count >= most)
            Stop(string.Create(CultureInfo.InvariantCulture, $"{most} host evaluation{(most == 1 ? "" : "s")}"));
        if (!replay && Budget.MaxWallTime is { } time && Clock.GetElapsedTime(_started) >= time)
            Stop(string.Create(CultureInfo.InvariantCulture, $"{time.TotalMinutes:0.###} minutes of wall time, after {_all.Count} host evaluations"));
        Candidate candidate;
        if (replay)
        {
            candidate = Score(row!.Candidate, tier, precisions, new Evaluation(row.HostValue, row.Bytes));
            Replayed++;
        }
        else
        {
            cancellationToken.ThrowIfCancellationRequested();
            var evaluation = await (sensitivity ? _sensitivity : _evaluator).EvaluateAsync(precisions, cancellationToken).ConfigureAwait(false);
            candidate = Score(_all.Count + 1, tier, precisions, evaluation);
            _log.Append(ToRow(candidate));
        }
        _known[(precisions, sensitivity)] = candidate;
        _all.Add(candidate);
        _onCandidate?.Invoke(candidate);
        return candidate;
    }

    private void Stop(string reason)
    {
        StoppedByBudget = reason;
        throw new SearchBudgetExhaustedException(reason);
    }

    /// <summary>The best feasible candidate so far: highest objective, then fewest bytes, then first found. With a
    /// board it may not have been measured yet (then its feasibility is the host's, and <see cref="BoardLimits"/> are
    /// still to be checked); the answer is <see cref="ConfirmAsync"/>'s.</summary>
    public Candidate? Best => _all.Where(c => c.Feasible && c.Tier != SearchTier.Sensitivity).OrderByDescending(c => c.Score).ThenBy(c => c.Bytes).ThenBy(c => c.Id).FirstOrDefault();

    /// <summary>
    /// Measures <paramref name="candidate"/> on the board (once; a measured candidate is returned as
    /// it is) and returns it rescored: infeasible if it failed there, with the power term once the
    /// baseline's energy per token is known. Without a board, or for a sensitivity measurement, returns it unchanged.
    /// </summary>
    /// <exception cref="InfrastructureFailureException">The board failed; logged, then rethrown.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before or
    /// during a new measurement (the board's run is stopped; nothing is logged for it, so it is measured on resume).</exception>
    public async Task<Candidate> MeasureAsync(Candidate candidate, CancellationToken cancellationToken)
    {
        if (_board is null || candidate.Tier == SearchTier.Sensitivity) return candidate;
        var current = _all.Single(c => c.Id == candidate.Id);
        if (current.Board is not null) return current;
        if (TryReplay(current, out var replayed)) return replayed;
        cancellationToken.ThrowIfCancellationRequested();
        // A batch of one, so that a pool of boards retries it elsewhere and counts the rerun.
        var batch = await _board.MeasureManyAsync([current], cancellationToken).ConfigureAwait(false);
        BoardReruns += batch.Reruns;
        if (batch.Measured.TryGetValue(current.Id, out var measurement)) return Apply(current, measurement, replayed: false);
        var failure = batch.Failed.GetValueOrDefault(current.Id) ?? new InfrastructureFailureException($"board {_board.Board} gave no measurement of #{current.Id}");
        LogInfrastructureFailure(current, failure);
        ExceptionDispatchInfo.Throw(failure);
        return current;
    }

    /// <summary>Measures on the board the <paramref name="count"/> best feasible candidates of
    /// <paramref name="tier"/> not yet measured (the ones the next tier would build on), within the budget's board
    /// measurements. They go to the board as one batch (a pool of boards shares it out), and their results are
    /// applied, logged and reported best first, whichever board finished first, so the log and the answer are
    /// those of one board measuring them in turn.</summary>
    /// <exception cref="InfrastructureFailureException">A candidate could not be measured on any board: every
    /// candidate the batch did measure is logged, the failed ones as infrastructure failures, then the first failure
    /// is rethrown.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before or
    /// during the batch (nothing of the batch is logged, so it is measured on resume).</exception>
    public async Task MeasurePromisingAsync(SearchTier tier, int count, CancellationToken cancellationToken)
    {
        if (_board is null) return;
        var promising = _all.Where(c => c.Tier == tier && c.Feasible && c.Board is null)
            .OrderByDescending(c => c.Score).ThenBy(c => c.Bytes).ThenBy(c => c.Id).Take(count).ToList();
        var allowed = Budget.MaxBoardMeasurements is { } most ? Math.Max(0, most - MeasuredCount) : promising.Count;
        var batch = promising.Take(allowed).ToList();
        var fresh = batch.Where(c => !_completed.TryGetMeasurement(c.Id, out _, out _)).ToList();
        var measured = new BoardBatch();
        if (fresh.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            measured = await _board.MeasureManyAsync(fresh, cancellationToken).ConfigureAwait(false);
        }
        var (results, failures) = (measured.Measured, measured.Failed);
        InfrastructureFailureException? failure = null;
        foreach (var candidate in batch)
        {
            if (TryReplay(candidate, out _)) continue;
            if (results.TryGetValue(candidate.Id, out var measurement)) Apply(candidate, measurement, replayed: false);
            else if (failures.TryGetValue(candidate.Id, out var e))
            {
                LogInfrastructureFailure(candidate, e);
                failure ??= e;
            }
        }
        BoardReruns += measured.Reruns;
        if (failure is not null) ExceptionDispatchInfo.Throw(failure);
        if (batch.Count < promising.Count) BoardBudgetSpent();
    }

    /// <summary>Candidates run again on another board after the board measuring them failed for infrastructure
    /// (never blamed on the candidate; only a search on several boards can do so).</summary>
    public int BoardReruns { get; private set; }

    /// <summary>Candidates measured on the board so far, the baseline included.</summary>
    public int MeasuredCount => _all.Count(c => c.Board is not null);

    // A measurement in the log of an earlier run is applied as it was, without measuring again.
    private bool TryReplay(Candidate current, out Candidate replayed)
    {
        replayed = current;
        if (!_completed.TryGetMeasurement(current.Id, out var row, out var status)) return false;
        ReplayedMeasurements++;
        replayed = Apply(current, BoardColumns.Read(row, status.IsCandidateFailure ? status.Reason : null), replayed: true);
        return true;
    }

    private void LogInfrastructureFailure(Candidate current, InfrastructureFailureException e) =>
        _log.Append(ToRow(current) with { Status = CandidateStatus.InfrastructureFailed(e.Message).ToString() });

    private Candidate Apply(Candidate current, BoardMeasurement measurement, bool replayed)
    {
        if (current.Tier == SearchTier.Baseline && measurement.Failure is null) _baselineEnergy = measurement.EnergyJoulesPerToken;
        var measured = Rescore(current with { Board = measurement });
        _all[_all.FindIndex(c => c.Id == current.Id)] = measured;
        _known[(measured.Precisions, false)] = measured;
        if (!replayed) _log.Append(ToRow(measured));
        _onCandidate?.Invoke(measured);
        return measured;
    }

    /// <summary>The best feasible candidate that ran on the board and checked out: the best is
    /// measured, and while it fails there (or misses a bound of <see cref="BoardLimits"/>) the next
    /// best is, until one holds (or none is left, or the budget's board measurements are spent: then the
    /// best feasible candidate among those measured). Without a board, <see cref="Best"/>.</summary>
    public async Task<Candidate?> ConfirmAsync(CancellationToken cancellationToken)
    {
        while (_board is not null && Best is { Board: null } unmeasured)
        {
            if (BoardBudgetSpent())
            {
                return _all.Where(c => c.Feasible && c.Board is not null && c.Tier != SearchTier.Sensitivity)
                    .OrderByDescending(c => c.Score).ThenBy(c => c.Bytes).ThenBy(c => c.Id).FirstOrDefault();
            }
            await MeasureAsync(unmeasured, cancellationToken).ConfigureAwait(false);
        }
        return Best;
    }

    // Board measurements so far count replayed ones, as the evaluation budget counts replayed evaluations, so a
    // resumed search stops where an uninterrupted one would. The first bound reached is the one recorded.
    private bool BoardBudgetSpent()
    {
        if (Budget.MaxBoardMeasurements is not { } most || MeasuredCount < most) return false;
        StoppedByBudget ??= string.Create(CultureInfo.InvariantCulture, $"{most} board measurement{(most == 1 ? "" : "s")}");
        return true;
    }

    /// <summary>The board limits of the objective.</summary>
    public BoardLimits BoardLimits => Objective.Limits;

    // A board's verdict: infeasible if the candidate failed there or misses a board bound; the power
    // term is the saving measured against the baseline in interleaved windows of the same run where
    // the board gives one (drift cancels), else the energy per token on the same workload against
    // the baseline's separate measurement.
    private Candidate Rescore(Candidate c)
    {
        var baseline = Baseline;
        var board = c.Board!;
        var power = board.Failure is not null ? null
            : board.Saving ?? (board.EnergyJoulesPerToken is { } joules && _baselineEnergy is > 0 ? 1 - joules / _baselineEnergy.Value : null);
        var verdict = board.Failure is null && BoardLimits.Any ? BoardLimits.Check(board) : null;
        return c with
        {
            Score = Objective.Score(c.Metric, baseline.Metric, c.Bytes, baseline.Bytes, power),
            Feasible = Objective.IsFeasible(c.Metric, baseline.Metric, c.Bytes) && board.Failure is null && verdict is not { Met: false },
            Limits = verdict,
        };
    }

    /// <summary>The row a candidate is logged as.</summary>
    public CandidateRow ToRow(Candidate c) => BoardColumns.With(new()
    {
        Candidate = c.Id,
        Tier = c.Tier.ToString().ToLowerInvariant(),
        Precisions = c.Precisions.Compact,
        Bytes = c.Bytes,
        MemoryReduction = 1 - (double)c.Bytes / Baseline.Bytes,
        Metric = Objective.ConstA.Metric == MetricKind.Accuracy ? "accuracy" : "perplexity",
        HostValue = c.Metric,
        Objective = c.Score,
        Feasible = c.Feasible,
        Status = (c.Board?.Status ?? (c.Tier == SearchTier.Sensitivity ? CandidateStatus.HostOnlySensitivity : CandidateStatus.HostOnly)).ToString(),
    }, c.Board);

    // The first candidate of each evaluator is its fp32 baseline; a sensitivity measurement is
    // scored against the sensitivity slice's own baseline.
    private Candidate Score(int id, SearchTier tier, Precisions precisions, Evaluation e)
    {
        var baseline = tier == SearchTier.Sensitivity ? _sensitivityBaseline ??= e : _baseline ??= e;
        return new(id, tier, precisions, e.Metric, e.Bytes,
            Objective.Score(e.Metric, baseline.Metric, e.Bytes, Baseline.Bytes),
            Objective.IsFeasible(e.Metric, baseline.Metric, e.Bytes));
    }

    /// <summary>The sensitivity slice's fp32 metric (the first sensitivity measurement must be fp32).</summary>
    public Evaluation SensitivityBaseline => _sensitivityBaseline ?? throw new InvalidOperationException("no sensitivity baseline yet");

    /// <summary>Formats a candidate for a progress line.</summary>
    public string Describe(Candidate c) => string.Create(CultureInfo.InvariantCulture,
        $"#{c.Id} {c.Tier.ToString().ToLowerInvariant()}: {c.Metric:0.####} at {c.Bytes / 1e6:0.00} MB ({1 - (double)c.Bytes / Baseline.Bytes:P1} smaller), J {c.Score:0.0000}{(c.Feasible ? "" : ", infeasible")}{DescribeBoard(c.Board)}{(c.Limits is { } v ? $"; {v}" : "")}");

    private string DescribeBoard(BoardMeasurement? m) => m switch
    {
        null => "",
        { Failure: { } failure } => $"; on {m.MeasuredOn ?? _board?.Board}: FAILED ({failure})",
        _ => string.Create(CultureInfo.InvariantCulture,
            $"; on {m.MeasuredOn ?? _board?.Board}: {m.BoardValue:0.####}, {m.LatencyMs:0.###} ms/token, peak {m.PeakRssBytes / 1e6:0.0} MB{(m.PowerWatts is { } w ? $", {w:0.###} W ({m.PowerSource})" : "")}"),
    };
}
