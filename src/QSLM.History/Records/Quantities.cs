namespace QSLM.History.Records;

/// <summary>The names of the quantities a measurement row holds, shared by the commands that record them and the
/// comparison that reads them back (<c>qslm regress</c>).</summary>
public static class Quantities
{
    /// <summary>SST-2 accuracy on the board, a fraction.</summary>
    public const string Accuracy = "accuracy";

    /// <summary>WikiText-2 perplexity on the board.</summary>
    public const string Perplexity = "perplexity";

    /// <summary>The host's metric of a candidate (accuracy or perplexity, as the run's task).</summary>
    public const string HostMetric = "host_metric";

    /// <summary>Peak resident memory of the agent, bytes.</summary>
    public const string PeakMemory = "peak_memory";

    /// <summary>Median latency per token, milliseconds.</summary>
    public const string LatencyP50 = "latency_p50";

    /// <summary>99th-percentile latency per token, milliseconds.</summary>
    public const string LatencyP99 = "latency_p99";

    /// <summary>Mean power with idle, watts.</summary>
    public const string Power = "power";

    /// <summary>Energy per token with idle, joules.</summary>
    public const string EnergyPerToken = "energy_per_token";

    /// <summary>Energy per token above idle, joules.</summary>
    public const string NetEnergyPerToken = "net_energy_per_token";

    /// <summary>Idle power of the run, watts.</summary>
    public const string IdlePower = "idle_power";

    /// <summary>Saving against the baseline (1 − candidate/baseline), a fraction.</summary>
    public const string Saving = "saving";
}
