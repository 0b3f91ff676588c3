namespace QSLM.Protocol.Messages;

/// <summary>Host → agent: report your monotonic clock now. The host stamps its own clock when it sends
/// and when the reply arrives; a few exchanges give the offset and drift between the two clocks
/// (Cristian's algorithm, the exchange with the shortest round trip weighted most), so a meter on the
/// host can be aligned with the marks the agent takes on its clock.</summary>
/// <param name="Sequence">Echoed in the reply, so a late reply is never paired with a later request.</param>
public sealed record TimeSync(int Sequence) : Message;

/// <summary>Agent → host: the agent's monotonic clock when it answered.</summary>
/// <param name="Sequence">The request's sequence number.</param>
/// <param name="AgentSeconds">Seconds on the agent's monotonic clock (the clock of every mark and sample it sends).</param>
public sealed record TimeSyncReply(int Sequence, double AgentSeconds) : Message;
