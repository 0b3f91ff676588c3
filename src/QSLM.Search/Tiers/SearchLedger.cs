using System.Globalization;
using QSLM.Search.Hierarchy;
using QSLM.Search.Objective;
using QSLM.Search.Results;

namespace QSLM.Search.Tiers;

/// <summary>
/// Numbers, scores and logs every candidate the search asks for, once: a candidate asked for again
/// is answered from memory, and one already in the log of a killed run is answered from its row, so
/// a resumed search replays the same decisions without evaluating or writing anything twice.
/// </summary>
public sealed class SearchLedger
{
    private readonly ICandidateEvaluator _evaluator;
    private readonly ResultsLog _log;
    private readonly Dictionary<string, CandidateRow> _logged;
    private readonly Dictionary<Precisions, Candidate> _known = [];
    private readonly List<Candidate> _all = [];
    private readonly Action<Candidate>? _onCandidate;
    private Evaluation? _baseline;

    /// <summary>Creates a ledger that writes to <paramref name="log"/> and replays its rows.</summary>
    public SearchLedger(ModelHierarchy hierarchy, ICandidateEvaluator evaluator, SearchObjective objective, ResultsLog log, Action<Candidate>? onCandidate = null)
    {
        Hierarchy = hierarchy;
        Objective = objective;
        _evaluator = evaluator;
        _log = log;
        _onCandidate = onCandidate;
        _logged = log.Rows.ToDictionary(r => r.Precisions, StringComparer.Ordinal);
    }

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

    /// <summary>The candidate for <paramref name="precisions"/>, evaluating it if it is new.</summary>
    public Candidate Evaluate(Precisions precisions, SearchTier tier)
    {
        if (_known.TryGetValue(precisions, out var known)) return known;
        Candidate candidate;
        if (_logged.TryGetValue(precisions.Compact, out var row))
        {
            var evaluation = new Evaluation(row.HostValue, row.Bytes);
            _baseline ??= evaluation;
            candidate = Score(row.Candidate, tier, precisions, evaluation);
            Replayed++;
        }
        else
        {
            var evaluation = _evaluator.Evaluate(precisions);
            _baseline ??= evaluation;
            candidate = Score(_all.Count + 1, tier, precisions, evaluation);
            _log.Append(ToRow(candidate));
        }
        _known[precisions] = candidate;
        _all.Add(candidate);
        _onCandidate?.Invoke(candidate);
        return candidate;
    }

    /// <summary>The best feasible candidate so far: highest objective, then fewest bytes, then first found.</summary>
    public Candidate? Best => _all.Where(c => c.Feasible).OrderByDescending(c => c.Score).ThenBy(c => c.Bytes).ThenBy(c => c.Id).FirstOrDefault();

    /// <summary>The row a candidate is logged as.</summary>
    public CandidateRow ToRow(Candidate c) => new()
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
        Status = "host-only",
    };

    private Candidate Score(int id, SearchTier tier, Precisions precisions, Evaluation e) =>
        new(id, tier, precisions, e.Metric, e.Bytes,
            Objective.Score(e.Metric, Baseline.Metric, e.Bytes, Baseline.Bytes),
            Objective.IsFeasible(e.Metric, Baseline.Metric, e.Bytes));

    /// <summary>Formats a candidate for a progress line.</summary>
    public string Describe(Candidate c) => string.Create(CultureInfo.InvariantCulture,
        $"#{c.Id} {c.Tier.ToString().ToLowerInvariant()}: {c.Metric:0.####} at {c.Bytes / 1e6:0.00} MB ({1 - (double)c.Bytes / Baseline.Bytes:P1} smaller), J {c.Score:0.0000}{(c.Feasible ? "" : ", infeasible")}");
}
