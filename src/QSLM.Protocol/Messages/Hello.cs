namespace QSLM.Protocol.Messages;

/// <summary>Host → agent, first message of a session.</summary>
/// <param name="ProtocolVersion">The host's <see cref="ProtocolLimits.Version"/>; the agent refuses another.</param>
/// <param name="HostVersion">The host tool's version, for the agent's log.</param>
public sealed record Hello(int ProtocolVersion, string HostVersion) : Message;
