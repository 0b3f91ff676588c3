using QSLM.Protocol.Messages;

namespace QSLM.Boards.Sessions;

/// <summary>A run on the board with what its sensors sampled between the marks.</summary>
/// <param name="Result">The agent's result, with each repeat's window.</param>
/// <param name="Samples">Every <see cref="SensorSamples"/> received, in order (a long window's chunks one after another).</param>
public sealed record SampledRun(RunResult Result, IReadOnlyList<SensorSamples> Samples);
