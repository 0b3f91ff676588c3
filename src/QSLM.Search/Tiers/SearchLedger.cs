using System.Globalization;
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
/// <see cref="Best"/>, since their metric is on another slice.
/// </summary>
public sealed class SearchLedger
{
    private readonly ICandidateEvaluator _evaluator;
    private readonly ICandidateEvaluator _sensitivity;
    private readonly ResultsLog _log;
    private readonly Dictionary<(string, bool), CandidateRow> _logged;
    private readonly Dictionary<(Precisions, bool), Candidate> _known = [];
    private Evaluation? _sensitivityBaseline;
    private readonly List<Candidate> _all = [];
    private readonly Action<Candidate>? _onCandidate;
    private Evaluation? _baseline;

    /// <summary>Creates a ledger that writes to <paramref name="log"/> and replays its rows.</summary>
    /// <param name="hierarchy">The model's hierarchy.</param>
    /// <param name="evaluator">Scores candidates.</param>
    /// <param name="sensitivity">Scores sensitivity measurements (may be <paramref name="evaluator"/>).</param>
    /// <param name="objective">Constraints and objective.</param>
    /// <param name="log">The run's CSV.</param>
    /// <param name="onCandidate">Called with each candidate as it is known.</param>
    public SearchLedger(ModelHierarchy hierarchy, ICandidateEvaluator evaluator, ICandidateEvaluator sensitivity, SearchObjective objective, ResultsLog log, Action<Candidate>? onCandidate = null)
    {
        Hierarchy = hierarchy;
        Objective = objective;
        _evaluator = evaluator;
        _sensitivity = sensitivity;
        _log = log;
        _onCandidate = onCandidate;
        _logged = log.Rows.ToDictionary(r => (r.Precisions, r.Tier == "sensitivity"));
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
        var sensitivity = tier == SearchTier.Sensitivity;
        if (_known.TryGetValue((precisions, sensitivity), out var known)) return known;
        Candidate candidate;
        if (_logged.TryGetValue((precisions.Compact, sensitivity), out var row))
        {
            candidate = Score(row.Candidate, tier, precisions, new Evaluation(row.HostValue, row.Bytes));
            Replayed++;
        }
        else
        {
            var evaluation = (sensitivity ? _sensitivity : _evaluator).Evaluate(precisions);
            candidate = Score(_all.Count + 1, tier, precisions, evaluation);
            _log.Append(ToRow(candidate));
        }
        _known[(precisions, sensitivity)] = candidate;
        _all.Add(candidate);
        _onCandidate?.Invoke(candidate);
        return candidate;
    }

    /// <summary>The best feasible candidate so far: highest objective, then fewest bytes, then first found.</summary>
    public Candidate? Best => _all.Where(c => c.Feasible && c.Tier != SearchTier.Sensitivity).OrderByDescending(c => c.Score).ThenBy(c => c.Bytes).ThenBy(c => c.Id).FirstOrDefault();

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
        Status = c.Tier == SearchTier.Sensitivity ? "host-only, sensitivity slice" : "host-only",
    };

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
        $"#{c.Id} {c.Tier.ToString().ToLowerInvariant()}: {c.Metric:0.####} at {c.Bytes / 1e6:0.00} MB ({1 - (double)c.Bytes / Baseline.Bytes:P1} smaller), J {c.Score:0.0000}{(c.Feasible ? "" : ", infeasible")}");
}
