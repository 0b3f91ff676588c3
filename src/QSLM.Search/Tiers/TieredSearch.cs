using QSLM.Errors;
using QSLM.Format.Formats;
using QSLM.Search.Hierarchy;

namespace QSLM.Search.Tiers;

/// <summary>
/// The tiered search of QSLM (global → block → module). The global tier evaluates every precision of
/// the menu for the whole model and starts from the best feasible one. The block tier measures each
/// block's sensitivity (the model with only that block quantized), then lowers blocks greedily,
/// least harm per byte saved first, keeping a change only when the objective improves; it also
/// starts from the next lower uniform precision, where constA fails, and raises the most sensitive
/// blocks until it holds. The module tier does the same inside blocks, one module at a time. The
/// answer is the best feasible candidate evaluated by any tier (<see cref="SearchLedger.Best"/>).
/// With a board attached, the baseline and each tier's most promising candidates are measured on
/// the board before the next tier starts from the best (a candidate that fails there drops out), and
/// the answer is the best candidate that ran on the board and checked out (<see cref="SearchLedger.ConfirmAsync"/>).
/// When the ledger's budget runs out, the search stops before its next host evaluation and answers the best
/// feasible candidate so far the same way (<see cref="SearchLedger.StoppedByBudget"/> says so).
/// </summary>
public sealed class TieredSearch
{
    private readonly SearchLedger _ledger;
    private readonly List<QuantFormat> _menu;

    /// <summary>Creates a search over <paramref name="menu"/>, from the highest precision to the lowest.</summary>
    public TieredSearch(SearchLedger ledger, IReadOnlyList<QuantFormat> menu)
    {
        if (menu.Count == 0) throw new InputException("the precision menu is empty");
        _ledger = ledger;
        _menu = [.. menu];
    }

    private ModelHierarchy Hierarchy => _ledger.Hierarchy;

    /// <summary>How many of each tier's best feasible candidates are measured on the board before the next tier.</summary>
    public int BoardCandidatesPerTier { get; init; } = 2;

    /// <summary>Runs every tier (or as many as the budget allows) and returns the chosen candidate.</summary>
    /// <exception cref="InputException">No candidate meets the constraints; the message says which one and by how much.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> was cancelled: the search stops before
    /// its next candidate (a board run in progress is stopped); what is logged stays, and the same search resumes.</exception>
    public async Task<Candidate> RunAsync(CancellationToken cancel = default)
    {
        try
        {
            await SearchAsync(cancel).ConfigureAwait(false);
        }
        catch (SearchBudgetExhaustedException) when (_ledger.All.Count > 0)
        {
            // The best so far is the answer; the board still confirms it below.
        }
        return await _ledger.ConfirmAsync(cancel).ConfigureAwait(false) ?? throw Unsatisfiable(Candidates());
    }

    private async Task SearchAsync(CancellationToken cancel)
    {
        var fp32 = Precisions.Uniform(Hierarchy, QuantFormats.Fp32);
        var baseline = await _ledger.MeasureAsync(await _ledger.EvaluateAsync(fp32, SearchTier.Baseline, cancel).ConfigureAwait(false), cancel).ConfigureAwait(false);
        foreach (var format in _menu) await _ledger.EvaluateAsync(Precisions.Uniform(Hierarchy, format), SearchTier.Global, cancel).ConfigureAwait(false);
        await _ledger.MeasurePromisingAsync(SearchTier.Global, BoardCandidatesPerTier, cancel).ConfigureAwait(false);
        var uniform = _ledger.All.Where(c => c.Tier is SearchTier.Baseline or SearchTier.Global).ToList();
        // Without a feasible uniform precision (constM too tight for the ones that keep constA), the
        // lowering starts from the smallest that keeps constA and counts every byte saved as progress.
        var start = _ledger.Best
            ?? uniform.Where(c => _ledger.Objective.ConstA.IsMet(c.Metric, baseline.Metric)).OrderBy(c => c.Bytes).FirstOrDefault()
            ?? throw Unsatisfiable(uniform);
        cancel.ThrowIfCancellationRequested();

        // Block tier. Sensitivities are measured on their own slice, against its own fp32 baseline.
        await _ledger.EvaluateAsync(fp32, SearchTier.Sensitivity, cancel).ConfigureAwait(false);
        var blocks = Hierarchy.Blocks.Where(b => b.Searchable.Any()).Select(b => b.Name).ToList();
        var blockCost = new Dictionary<(string, QuantFormat), double>();
        foreach (var block in blocks)
        {
            foreach (var format in _menu)
                blockCost[(block, format)] = Harm(await _ledger.EvaluateAsync(fp32.WithBlock(block, format), SearchTier.Sensitivity, cancel).ConfigureAwait(false));
        }
        cancel.ThrowIfCancellationRequested();
        await LowerAsync(start, blocks, (p, unit) => p.BlockFormat(unit), (p, unit, f) => p.WithBlock(unit, f), blockCost, SearchTier.Block, cancel).ConfigureAwait(false);

        var startFormat = start.Precisions.BlockFormat(blocks[0]);
        var below = Next(startFormat);
        if (below is not null && IsUniform(start))
        {
            // From one step lower everywhere, raise the blocks that suffer most until constA holds.
            var current = await _ledger.EvaluateAsync(Precisions.Uniform(Hierarchy, below), SearchTier.Global, cancel).ConfigureAwait(false);
            foreach (var block in blocks.OrderByDescending(b => blockCost[(b, below)]))
            {
                if (current.Feasible) break;
                current = await _ledger.EvaluateAsync(current.Precisions.WithBlock(block, startFormat), SearchTier.Block, cancel).ConfigureAwait(false);
            }
            if (current.Feasible) await LowerAsync(current, blocks, (p, unit) => p.BlockFormat(unit), (p, unit, f) => p.WithBlock(unit, f), blockCost, SearchTier.Block, cancel).ConfigureAwait(false);
        }
        cancel.ThrowIfCancellationRequested();
        await _ledger.MeasurePromisingAsync(SearchTier.Block, BoardCandidatesPerTier, cancel).ConfigureAwait(false);

        // Module tier: inside the best block-level candidate, one step lower per module.
        var best = _ledger.Best ?? Smallest(start);
        var modules = Hierarchy.Searchable.Select(m => m.Name).ToList();
        var moduleCost = new Dictionary<(string, QuantFormat), double>();
        foreach (var module in modules)
        {
            var lower = Next(best.Precisions[module]);
            if (lower is not null) moduleCost[(module, lower)] = Harm(await _ledger.EvaluateAsync(fp32.WithModule(module, lower), SearchTier.Sensitivity, cancel).ConfigureAwait(false));
        }
        await LowerAsync(best, modules, (p, unit) => p[unit], (p, unit, f) => p.WithModule(unit, f), moduleCost, SearchTier.Module, cancel).ConfigureAwait(false);
        cancel.ThrowIfCancellationRequested();
        await _ledger.MeasurePromisingAsync(SearchTier.Module, BoardCandidatesPerTier, cancel).ConfigureAwait(false);
        cancel.ThrowIfCancellationRequested();
        await TwinAsync(cancel).ConfigureAwait(false);
    }

    // With energy weighed (beta > 0) or a board limit: the best candidate's integer-activation twin, each module's
    // precision in the menu's A8 form of it. Its weights and bytes are the best's, so no lowering tries it (it saves no
    // byte), and it usually runs for less energy; the board measures both, and the objective decides between them.
    private async Task TwinAsync(CancellationToken cancel)
    {
        var objective = _ledger.Objective;
        if (!_ledger.HasBoard || (objective.Beta <= 0 && !objective.Limits.Any) || _ledger.Best is not { } best) return;
        if (_ledger.Budget.MaxBoardMeasurements is { } most && _ledger.MeasuredCount + 2 > most) return;
        var twin = best.Precisions;
        foreach (var module in Hierarchy.Searchable.Select(m => m.Name))
        {
            if (Twin(twin[module]) is { } a8) twin = twin.WithModule(module, a8);
        }
        if (twin.Equals(best.Precisions)) return;
        var candidate = await _ledger.EvaluateAsync(twin, SearchTier.Module, cancel).ConfigureAwait(false);
        if (!candidate.Feasible) return;
        await _ledger.MeasureAsync(best, cancel).ConfigureAwait(false);
        await _ledger.MeasureAsync(candidate, cancel).ConfigureAwait(false);
    }

    // The menu's integer-activation form of a weight-only precision, if the menu holds one.
    private QuantFormat? Twin(QuantFormat format) =>
        format.QuantizesActivations ? null : _menu.FirstOrDefault(f => f.QuantizesActivations && QuantFormats.WeightOnly(f).Id == format.Id);

    // The smallest candidate so far that keeps constA (the lowering's best effort towards constM).
    private Candidate Smallest(Candidate fallback) =>
        Candidates().Where(c => _ledger.Objective.ConstA.IsMet(c.Metric, _ledger.Baseline.Metric)).OrderBy(c => c.Bytes).FirstOrDefault() ?? fallback;

    // Everything evaluated on the candidates' data (sensitivity measurements use another slice).
    private List<Candidate> Candidates() => _ledger.All.Where(c => c.Tier != SearchTier.Sensitivity).ToList();

    // Greedy lowering: repeatedly take the untried lowering with the least predicted harm per byte
    // saved, and keep it when the objective improves. A unit may jump to any lower precision whose
    // harm was measured (a sign-only embedding is harmless at one bit yet hurt at four, where small
    // weights round to zero and flip their spike), else it steps one precision down. A lowering
    // rejected once is not tried again.
    private async Task LowerAsync(Candidate start, IReadOnlyList<string> units, Func<Precisions, string, QuantFormat> formatOf,
        Func<Precisions, string, QuantFormat, Precisions> with, Dictionary<(string, QuantFormat), double> cost, SearchTier tier, CancellationToken cancel)
    {
        var current = start;
        var rejected = new HashSet<(string, QuantFormat)>();
        while (!cancel.IsCancellationRequested)
        {
            var bytes = current.Precisions.WeightBytes;
            var moves = units
                .SelectMany(u => Lower(formatOf(current.Precisions, u)).Where(f => f == Next(formatOf(current.Precisions, u)) || cost.ContainsKey((u, f))).Select(f => (Unit: u, To: f)))
                .Where(m => !rejected.Contains((m.Unit, m.To)))
                .Select(m => (m.Unit, m.To, Next: with(current.Precisions, m.Unit, m.To)))
                .Select(m => (m.Unit, m.To, m.Next, Saved: bytes - m.Next.WeightBytes))
                .Where(m => m.Saved > 0)
                .OrderBy(m => (cost.TryGetValue((m.Unit, m.To), out var c) ? c : 0) / m.Saved)
                .ThenByDescending(m => m.Saved)
                .ToList();
            var accepted = false;
            foreach (var move in moves)
            {
                var candidate = await _ledger.EvaluateAsync(move.Next, tier, cancel).ConfigureAwait(false);
                if (Improves(candidate, current))
                {
                    current = candidate;
                    accepted = true;
                    break;
                }
                rejected.Add((move.Unit, move.To));
            }
            if (!accepted) return;
        }
    }

    // A feasible candidate must raise the objective; while constM is still exceeded (constA met),
    // any smaller candidate that keeps constA is progress.
    private bool Improves(Candidate candidate, Candidate current)
    {
        if (current.Feasible) return candidate.Feasible && candidate.Score > current.Score;
        var baseline = _ledger.Baseline.Metric;
        return _ledger.Objective.ConstA.IsMet(candidate.Metric, baseline) && candidate.Bytes < current.Bytes;
    }

    // The loss of the accuracy term against the sensitivity slice's baseline (never negative).
    private double Harm(Candidate sensitivity) =>
        Math.Max(0, -_ledger.Objective.AccuracyTerm(sensitivity.Metric, _ledger.SensitivityBaseline.Metric));

    // Every precision of the menu below format.
    private IEnumerable<QuantFormat> Lower(QuantFormat format)
    {
        for (var next = Next(format); next is not null; next = Next(next)) yield return next;
    }

    private QuantFormat? Next(QuantFormat format)
    {
        if (format.Id == QuantFormats.Fp32.Id) return _menu[0];
        var index = _menu.FindIndex(f => f.Id == format.Id);
        return index >= 0 && index + 1 < _menu.Count ? _menu[index + 1] : null;
    }

    private bool IsUniform(Candidate c) => Hierarchy.Searchable.Select(m => c.Precisions[m.Name].Id).Distinct().Count() == 1;

    private InputException Unsatisfiable(IReadOnlyList<Candidate> tried)
    {
        var reason = Reason(tried);
        return _ledger.StoppedByBudget is { } budget
            ? new InputException($"the search budget ran out ({budget}) before a feasible candidate was found: {reason.Message}", reason)
            : reason;
    }

    private InputException Reason(IReadOnlyList<Candidate> tried)
    {
        var objective = _ledger.Objective;
        var baseline = _ledger.Baseline.Metric;
        var accurate = tried.Where(c => objective.ConstA.IsMet(c.Metric, baseline)).ToList();
        if (accurate.Count == 0)
        {
            var closest = tried.OrderBy(c => objective.ConstA.Shortfall(c.Metric, baseline)).First();
            return new InputException(FormattableString.Invariant(
                $"constA {objective.ConstA} cannot be met: the bound is {objective.ConstA.Bound(baseline):0.####} and the closest candidate ({closest.Precisions.Compact}) reaches {closest.Metric:0.####}, short by {objective.ConstA.Shortfall(closest.Metric, baseline):0.####}"));
        }
        var fitting = accurate.Where(c => objective.ConstM is not { } cap || c.Bytes <= cap).ToList();
        if (fitting.Count > 0)
        {
            var missed = fitting.Where(c => c.Limits is { Met: false }).ToList();
            if (missed.Count > 0 && fitting.All(c => c.Board is not null))
                return new InputException(FormattableString.Invariant(
                    $"no candidate that meets constA {objective.ConstA} and constM meets the board limits ({objective.Limits}) on board {_ledger.Board}: {missed.Count} measured there missed them, the first ({missed[0].Precisions.Compact}) with: {missed[0].Limits}"));
            // Everything that meets both constraints failed on the board.
            var failed = fitting.Where(c => c.Board?.Failure is not null).ToList();
            return new InputException(FormattableString.Invariant(
                $"every candidate that meets constA {objective.ConstA} and constM failed on board {_ledger.Board}: {failed.Count} measured there, the first ({(failed.Count > 0 ? failed[0].Precisions.Compact : "none")}) with: {(failed.Count > 0 ? failed[0].Board!.Failure : "no measurement")}"));
        }
        var smallest = accurate.OrderBy(c => c.Bytes).First();
        return new InputException(FormattableString.Invariant(
            $"constM of {objective.ConstM} bytes cannot be met with constA {objective.ConstA}: the smallest of {tried.Count} candidates that meets constA ({smallest.Precisions.Compact}) takes {smallest.Bytes} bytes, {smallest.Bytes - objective.ConstM} over"));
    }
}
