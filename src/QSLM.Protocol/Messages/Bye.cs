namespace QSLM.Protocol.Messages;

/// <summary>Host → agent: end of session; the agent answers with a bye and exits.</summary>
public sealed record Bye : Message;
