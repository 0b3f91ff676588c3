using QSLM.Protocol.Messages;

namespace QSLM.Agent.Serve;

/// <summary>A hello arrived where the agent waited for a mark's ack: the host that asked for the run
/// is gone and a new one has started a session.</summary>
internal sealed class SessionRestartException(Hello hello) : Exception("a new host session started during a run")
{
    public Hello Hello { get; } = hello;
}
