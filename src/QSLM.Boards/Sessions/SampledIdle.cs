using QSLM.Protocol.Messages;

namespace QSLM.Boards.Sessions;

/// <summary>An idle window on the board with what its sensors sampled.</summary>
/// <param name="Result">The window's bounds on the agent's clock and its thermal state.</param>
/// <param name="Samples">Every <see cref="SensorSamples"/> received, in order.</param>
public sealed record SampledIdle(IdleResult Result, IReadOnlyList<SensorSamples> Samples);
