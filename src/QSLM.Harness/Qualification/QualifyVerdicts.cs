using System.Globalization;
using QSLM.Reports.Document;
using QSLM.Sensors.Board;

namespace QSLM.Harness.Qualification;

/// <summary>
/// Decides each check from its figure and its threshold. A check without a threshold is <see cref="CheckStatus.NotRun"/>
/// (its figure still stated), never passed; a power figure that is an estimate is never held to a ceiling as if it
/// were measured.
/// </summary>
/// <param name="Board">The board.</param>
/// <param name="Model">The model's label.</param>
public sealed record QualifyVerdicts(string Board, string Model)
{
    /// <summary>SST-2: the share of sentences whose prediction on the board differs from the host's, against the
    /// agreement target (0: none may differ).</summary>
    public CheckResult Predictions(IReadOnlyList<int> host, IReadOnlyList<int> board, double? tolerance)
    {
        if (host.Count != board.Count)
            return Result(QualifyChecks.Agreement, CheckStatus.Failed, null, tolerance, "fraction", Invariant($"the board classified {board.Count} sentences where the host classified {host.Count}"));
        var differ = host.Zip(board).Count(p => p.First != p.Second);
        var share = host.Count == 0 ? 0 : (double)differ / host.Count;
        var what = Invariant($"{differ} of {host.Count} SST-2 predictions differ from the host's on the same packed file");
        return tolerance is not { } limit
            ? Result(QualifyChecks.Agreement, CheckStatus.NotRun, share, null, "fraction", what + "; no agreement target set")
            : Result(QualifyChecks.Agreement, share <= limit ? CheckStatus.Passed : CheckStatus.Failed, share, limit, "fraction",
                what + (limit == 0 ? " (target: identical)" : Invariant($" (target: at most {limit:G4} of them)")));
    }

    /// <summary>Perplexity: the board's relative difference from the host's on the same tokens and packed file, against
    /// the agreement target (0: equal figures).</summary>
    public CheckResult Perplexity(double host, double board, double? tolerance)
    {
        var off = Math.Abs(board / host - 1);
        var what = Invariant($"perplexity {board:G6} on the board, {host:G6} on the host, relative difference {off:G4}");
        return tolerance is not { } limit
            ? Result(QualifyChecks.Agreement, CheckStatus.NotRun, off, null, "fraction", what + "; no agreement target set")
            : Result(QualifyChecks.Agreement, off <= limit ? CheckStatus.Passed : CheckStatus.Failed, off, limit, "fraction", what);
    }

    /// <summary>The peak resident memory against the budget (<paramref name="budgetSource"/> says where it comes from).</summary>
    public CheckResult Memory(long? peakBytes, long? budgetBytes, string budgetSource)
    {
        if (peakBytes is not { } peak)
            return Result(QualifyChecks.Memory, CheckStatus.NotRun, null, budgetBytes, "B", "the board cannot read the agent's peak resident memory (VmHWM)");
        if (budgetBytes is not { } budget)
            return Result(QualifyChecks.Memory, CheckStatus.NotRun, peak, null, "B", Invariant($"peak resident {peak} bytes; no budget known ({budgetSource})"));
        return Result(QualifyChecks.Memory, peak <= budget ? CheckStatus.Passed : CheckStatus.Failed, peak, budget, "B",
            Invariant($"peak resident {peak} bytes {(peak <= budget ? "within" : "over")} the board's {budget} ({budgetSource})"));
    }

    /// <summary>A latency percentile against its target.</summary>
    public CheckResult Latency(string check, double milliseconds, double? targetMs, string method)
    {
        var what = Invariant($"{milliseconds:G4} ms per token ({method})");
        return targetMs is not { } target
            ? Result(check, CheckStatus.NotRun, milliseconds, null, "ms", what + "; no latency target set")
            : Result(check, milliseconds <= target ? CheckStatus.Passed : CheckStatus.Failed, milliseconds, target, "ms", what);
    }

    /// <summary>
    /// A power or energy figure against its ceiling, at the upper end of its 95% interval (the figure itself when it has
    /// no interval). An estimate is stated and not held to the ceiling: it says what the board might draw, not what it did.
    /// </summary>
    public CheckResult Ceiling(string check, double value, double? ci95, double? ceiling, string unit, SourceTag source)
    {
        var upper = value + (ci95 ?? 0);
        var what = Invariant($"{value:G4} {unit}") + (ci95 is { } h ? Invariant($" ± {h:G3} (95%), upper end {upper:G4} {unit}") : " (no interval)") + $" ({source})";
        if (ceiling is not { } limit) return Result(check, CheckStatus.NotRun, value, null, unit, what + "; no ceiling set", source.ToString());
        if (source.Kind == SourceKind.Estimated)
            return Result(check, CheckStatus.NotRun, value, limit, unit,
                what + Invariant($"; an estimate, not a measurement: not held to the ceiling of {limit:G4} {unit} (give the board a meter)"), source.ToString());
        return Result(check, upper <= limit ? CheckStatus.Passed : CheckStatus.Failed, upper, limit, unit,
            what + Invariant($" {(upper <= limit ? "within" : "over")} the ceiling of {limit:G4} {unit}"), source.ToString());
    }

    /// <summary>A power or energy check with a ceiling set that nothing measured, or without a ceiling (no windows run).</summary>
    public CheckResult Unmeasured(string check, double? ceiling, string unit, string why) => Result(check, CheckStatus.NotRun, null, ceiling, unit, why);

    /// <summary>The settings check: <paramref name="mismatches"/> read back other than pinned (none: passed); not run when
    /// the profile pins nothing.</summary>
    public CheckResult Settings(string? readBack, IReadOnlyList<string>? mismatches) => readBack is null
        ? Result(QualifyChecks.Settings, CheckStatus.NotRun, null, null, null, "the profile pins no settings")
        : mismatches is { Count: > 0 }
            ? Result(QualifyChecks.Settings, CheckStatus.Failed, null, null, null, "read back other than pinned: " + string.Join("; ", mismatches))
            : Result(QualifyChecks.Settings, CheckStatus.Passed, null, null, null, "read back as pinned: " + readBack);

    /// <summary>A check an infrastructure failure left undecided.</summary>
    public CheckResult Error(string check, string why) => Result(check, CheckStatus.Error, null, null, null, why);

    /// <summary>A check an earlier failure of the model on the board left unreached.</summary>
    public CheckResult Unreached(string check, string why) => Result(check, CheckStatus.NotRun, null, null, null, why);

    /// <summary>A check the model failed on the board itself (it did not load, ran out of memory, gave no result).</summary>
    public CheckResult FailedOnBoard(string check, string why) => Result(check, CheckStatus.Failed, null, null, null, why);

    private CheckResult Result(string check, CheckStatus status, double? measured, double? threshold, string? unit, string detail, string? source = null) =>
        new(Board, Model, check, status, measured, threshold, unit, detail, source);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
