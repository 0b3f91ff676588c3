using System.Text.Json.Serialization;

namespace QSLM.Protocol.Messages;

/// <summary>
/// Host → agent: run a seeded token stream through a stored model. The agent runs
/// <paramref name="Warmup"/> tokens untimed, then <paramref name="Repeats"/> timed repeats of
/// <paramref name="Tokens"/> tokens each; around each timed repeat it sends a <see cref="Mark"/> and
/// waits for the host's <see cref="MarkAck"/>, so the host's sensor window is open before timing
/// starts and closed only after it stops (BenchmarkDotNet's acknowledged diagnoser signals).
/// </summary>
/// <param name="Sha256">The model to run; refused unless stored complete and its bytes still hash to this.</param>
/// <param name="Tokens">Tokens per timed repeat.</param>
/// <param name="Warmup">Untimed tokens first (JIT, page cache).</param>
/// <param name="Repeats">Timed repeats.</param>
/// <param name="Seed">Seed of the token stream.</param>
/// <param name="Threads">Threads for the runtime; 0 means one per processor.</param>
/// <param name="MinSeconds">Each timed repeat runs tokens until it has run at least <paramref name="Tokens"/> and lasted at
/// least this long (MLPerf Tiny: 10 s); 0 runs exactly <paramref name="Tokens"/>.</param>
/// <param name="WarmupSeconds">The untimed warm-up also lasts at least this long; its samples are discarded.</param>
/// <param name="Sensors">Sensor specs the agent samples at each one's own rate between each repeat's marks, streamed
/// as <see cref="SensorSamples"/> before the stop mark; empty samples nothing.</param>
public sealed record RunWorkload(string Sha256, int Tokens, int Warmup, int Repeats, int Seed, int Threads,
    double MinSeconds = 0, double WarmupSeconds = 0, IReadOnlyList<string>? Sensors = null) : Message;

/// <summary>Agent → host: timing of a repeat is about to start (<see cref="MarkPhase.Start"/>) or has just stopped.</summary>
/// <param name="Phase"><see cref="MarkPhase.Start"/> or <see cref="MarkPhase.Stop"/>.</param>
/// <param name="Repeat">Zero-based repeat index.</param>
/// <param name="AgentSeconds">The agent's monotonic clock at the mark (the clock of its samples and of <see cref="TimeSyncReply"/>).</param>
public sealed record Mark(string Phase, int Repeat, double AgentSeconds = 0) : Message;

/// <summary>Host → agent: the host has acted on the mark with the same phase and repeat.</summary>
/// <param name="Phase">The acknowledged mark's phase.</param>
/// <param name="Repeat">The acknowledged mark's repeat.</param>
public sealed record MarkAck(string Phase, int Repeat) : Message;

/// <summary>Values of <see cref="Mark.Phase"/>.</summary>
public static class MarkPhase
{
    /// <summary>Timing is about to begin.</summary>
    public const string Start = "start";

    /// <summary>Timing has ended.</summary>
    public const string Stop = "stop";
}

/// <summary>Agent → host: what a <see cref="RunWorkload"/> did.</summary>
/// <param name="Sha256">The model that ran.</param>
/// <param name="Tokens">Tokens per timed repeat.</param>
/// <param name="Warmup">Untimed tokens run first.</param>
/// <param name="RepeatSeconds">Wall time of each timed repeat, between its start and stop marks.</param>
/// <param name="MultiplyAccumulates">Multiply-accumulates over all timed repeats.</param>
/// <param name="Accumulates">Accumulates (spike additions) over all timed repeats.</param>
/// <param name="EmbeddingSpikeRate">Fraction of embedding channels that spiked.</param>
/// <param name="LayerSpikeRates">Spike rate of each LIF layer (block 0 att, block 0 ffn, block 1 att, ...).</param>
/// <param name="PeakRssBytes"><c>VmHWM</c> of the agent after the run (reset when the run began, where the kernel allows), when readable.</param>
/// <param name="MemAvailableBeforeBytes"><c>MemAvailable</c> before the model was opened.</param>
/// <param name="MemAvailableAfterBytes"><c>MemAvailable</c> after the last repeat, model still open.</param>
/// <param name="KernelPath">Kernel instruction set used.</param>
/// <param name="Threads">Threads used.</param>
/// <param name="Windows">Each timed repeat's marks, tokens, processor time and thermal state.</param>
/// <param name="IntegerMultiplyAccumulates">Of <paramref name="MultiplyAccumulates"/>, those of integer-activation (A8)
/// products (int8 inputs times integer codes into an int32 sum), which an estimate prices below a float one; 0 from an
/// agent that predates the field.</param>
/// <param name="IntegerGroupScalings">Groups of those integer products scaled back to float.</param>
public sealed record RunResult(
    string Sha256,
    int Tokens,
    int Warmup,
    IReadOnlyList<double> RepeatSeconds,
    long MultiplyAccumulates,
    long Accumulates,
    double EmbeddingSpikeRate,
    IReadOnlyList<double> LayerSpikeRates,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? PeakRssBytes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? MemAvailableBeforeBytes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? MemAvailableAfterBytes,
    string KernelPath,
    int Threads,
    IReadOnlyList<RunWindow>? Windows = null,
    long IntegerMultiplyAccumulates = 0,
    long IntegerGroupScalings = 0) : Message;
