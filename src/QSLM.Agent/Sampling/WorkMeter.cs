using QSLM.Runtime.Inference;

namespace QSLM.Agent.Sampling;

/// <summary>
/// The work the agent has done so far, as the agent itself measures it: the processor time of its process (all
/// threads, <c>getrusage</c>, which qemu-user passes through where <c>/proc/self/stat</c> reads zero) and the runtime's
/// operation counts by weight width, summed over every run. A simulated board prices each interval's increase.
/// Read from any thread; the runtime being counted is attached by the run.
/// </summary>
internal sealed class WorkMeter
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, long> _finishedMacs = [];
    private long _finishedAccumulates;
    private Func<OperationCounts>? _current;
    private OperationCounts? _seen;
    private readonly Dictionary<int, long> _seenMacs = [];
    private long _seenAccumulates;
    private long _finishedTokens;
    private long _seenTokens;
    private string? _model;

    /// <summary>Processor seconds the agent's process has used.</summary>
    public static double CpuSeconds => Environment.CpuUsage.TotalTime.TotalSeconds;

    /// <summary>Counts the operations of <paramref name="counts"/> (asked each time: a runtime's counters are replaced when reset) until <see cref="Detach"/>.</summary>
    /// <param name="counts">The attached runtime's counters.</param>
    /// <param name="model">The SHA-256 of the model it runs, for a simulated board that prices models by their stated energy.</param>
    public void Attach(Func<OperationCounts> counts, string? model = null)
    {
        lock (_gate)
        {
            Fold();
            _current = counts;
            _model = model;
        }
    }

    /// <summary>Stops following the attached runtime, keeping what it counted.</summary>
    public void Detach()
    {
        lock (_gate)
        {
            Fold();
            _current = null;
            _model = null;
        }
    }

    /// <summary>The model running now (null when none is attached) and the tokens run so far, over every run.</summary>
    public (string? Model, long Tokens) Tokens()
    {
        lock (_gate)
        {
            Fold();
            return (_model, _finishedTokens);
        }
    }

    /// <summary>Operations so far: multiply-accumulates by weight width in bits, and accumulates.</summary>
    public (IReadOnlyDictionary<int, long> MultiplyAccumulates, long Accumulates) Operations()
    {
        lock (_gate)
        {
            Fold();
            return (new Dictionary<int, long>(_finishedMacs), _finishedAccumulates);
        }
    }

    // Moves what the attached counters gained since the last look into the totals; a counter object that was
    // replaced (a reset) starts again from zero.
    private void Fold()
    {
        var counts = _current?.Invoke();
        if (counts is null) return;
        if (!ReferenceEquals(counts, _seen))
        {
            _seen = counts;
            _seenMacs.Clear();
            _seenAccumulates = 0;
            _seenTokens = 0;
        }
        foreach (var (bits, macs) in counts.MultiplyAccumulatesByWeightBits)
        {
            _finishedMacs[bits] = _finishedMacs.GetValueOrDefault(bits) + macs - _seenMacs.GetValueOrDefault(bits);
            _seenMacs[bits] = macs;
        }
        var accumulates = counts.Accumulates;
        _finishedAccumulates += accumulates - _seenAccumulates;
        _seenAccumulates = accumulates;
        var tokens = counts.Tokens;
        _finishedTokens += tokens - _seenTokens;
        _seenTokens = tokens;
    }
}
