using QSLM.Format.Formats;
using QSLM.Search.Hierarchy;
using QSLM.Search.Objective;
using QSLM.Search.Tiers;

namespace QSLM.Search.Baselines;

/// <summary>
/// Scores and counts the candidates a baseline strategy asks for, in memory: every distinct
/// precision assignment costs one evaluation (the fp32 baseline, which every score is measured
/// against, included), and one asked for again is answered from memory at no cost. The best
/// candidate follows the tiered search's rule (<see cref="SearchLedger.Best"/>).
/// </summary>
public sealed class StrategyLedger
{
    private readonly ICandidateEvaluator _evaluator;
    private readonly Dictionary<Precisions, Candidate> _known = [];
    private readonly List<Candidate> _all = [];
    private Evaluation? _baseline;

    /// <summary>Creates a ledger that scores with <paramref name="objective"/>.</summary>
    public StrategyLedger(ModelHierarchy hierarchy, ICandidateEvaluator evaluator, SearchObjective objective)
    {
        Hierarchy = hierarchy;
        Objective = objective;
        _evaluator = evaluator;
    }

    /// <summary>The model's hierarchy.</summary>
    public ModelHierarchy Hierarchy { get; }

    /// <summary>Constraints and objective.</summary>
    public SearchObjective Objective { get; }

    /// <summary>Distinct evaluations so far, the fp32 baseline's included.</summary>
    public int Evaluations => _all.Count;

    /// <summary>Every candidate evaluated, in order.</summary>
    public IReadOnlyList<Candidate> All => _all;

    /// <summary>The fp32 model's metric and bytes (<see cref="EvaluateBaselineAsync"/>, or the first
    /// <see cref="EvaluateAsync"/>, evaluates it).</summary>
    public Evaluation Baseline => _baseline ?? throw new InvalidOperationException("the baseline has not been evaluated");

    /// <summary>Evaluates the fp32 model if it is not known yet; its metric and bytes.</summary>
    public async ValueTask<Evaluation> EvaluateBaselineAsync(CancellationToken cancellationToken)
    {
        if (_baseline is null) await EvaluateAsync(Precisions.Uniform(Hierarchy, QuantFormats.Fp32), SearchTier.Baseline, cancellationToken).ConfigureAwait(false);
        return _baseline!;
    }

    /// <summary>The best feasible candidate so far: highest objective, then fewest bytes, then first found; sensitivity measurements excluded.</summary>
    public Candidate? Best => _all.Where(c => c.Feasible && c.Tier != SearchTier.Sensitivity)
        .OrderByDescending(c => c.Score).ThenBy(c => c.Bytes).ThenBy(c => c.Id).FirstOrDefault();

    /// <summary>The candidate for <paramref name="precisions"/>, evaluating it if it is new (the
    /// fp32 baseline first, when it is not known yet).</summary>
    public async ValueTask<Candidate> EvaluateAsync(Precisions precisions, SearchTier tier, CancellationToken cancellationToken)
    {
        if (_known.TryGetValue(precisions, out var known)) return known;
        if (_baseline is null && !IsFp32(precisions)) await EvaluateBaselineAsync(cancellationToken).ConfigureAwait(false);
        var e = await _evaluator.EvaluateAsync(precisions, cancellationToken).ConfigureAwait(false);
        _baseline ??= e;
        var candidate = new Candidate(_all.Count + 1, tier, precisions, e.Metric, e.Bytes,
            Objective.Score(e.Metric, _baseline.Metric, e.Bytes, _baseline.Bytes), Objective.IsFeasible(e.Metric, _baseline.Metric, e.Bytes));
        _known[precisions] = candidate;
        _all.Add(candidate);
        return candidate;
    }

    /// <summary>Whether <paramref name="precisions"/> is known already (asking for it again is free).</summary>
    public bool Knows(Precisions precisions) => _known.ContainsKey(precisions);

    /// <summary>
    /// Whether <paramref name="candidate"/> is progress over <paramref name="current"/>: a feasible
    /// candidate must raise the objective; while only constM fails, any smaller candidate that keeps
    /// constA is progress (the tiered search's rule).
    /// </summary>
    public bool Improves(Candidate candidate, Candidate current)
    {
        if (current.Feasible) return candidate.Feasible && candidate.Score > current.Score;
        return Objective.ConstA.IsMet(candidate.Metric, Baseline.Metric) && candidate.Bytes < current.Bytes;
    }

    /// <summary>The loss of the accuracy term against the baseline (never negative).</summary>
    public double Harm(Candidate candidate) => Math.Max(0, -Objective.AccuracyTerm(candidate.Metric, Baseline.Metric));

    private bool IsFp32(Precisions p) => Hierarchy.Searchable.All(m => p[m.Name].Id == QuantFormats.Fp32.Id);
}
