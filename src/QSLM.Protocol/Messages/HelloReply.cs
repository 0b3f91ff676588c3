using System.Text.Json.Serialization;

namespace QSLM.Protocol.Messages;

/// <summary>Agent → host: who the agent is, what the board has and which models it already holds,
/// so that an interrupted upload resumes from <see cref="ModelStatus.BytesHeld"/>.</summary>
/// <param name="ProtocolVersion">The agent's protocol version.</param>
/// <param name="AgentVersion">The agent's informational version.</param>
/// <param name="RuntimeId">.NET runtime identifier of the agent's process (linux-arm64, linux-x64).</param>
/// <param name="Processor">Kernel paths the processor accelerates.</param>
/// <param name="ProcessorCount">Logical processors.</param>
/// <param name="MemTotalBytes"><c>MemTotal</c> of <c>/proc/meminfo</c>, when readable.</param>
/// <param name="MemAvailableBytes"><c>MemAvailable</c> of <c>/proc/meminfo</c>, when readable.</param>
/// <param name="Sensors">On-board sensors the agent found (may be empty).</param>
/// <param name="Models">Complete and partial models in the agent's store.</param>
/// <param name="MaxMessageBytes">The agent's cap on one message.</param>
/// <param name="MaxModelBytes">The agent's cap on one model.</param>
/// <param name="Identity">Which board this is (host name, model, serial, kernel, firmware); null from an agent that does not say.</param>
public sealed record HelloReply(
    int ProtocolVersion,
    string AgentVersion,
    string RuntimeId,
    string Processor,
    int ProcessorCount,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? MemTotalBytes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? MemAvailableBytes,
    IReadOnlyList<SensorInfo> Sensors,
    IReadOnlyList<ModelStatus> Models,
    int MaxMessageBytes,
    long MaxModelBytes,
    BoardIdentity? Identity = null) : Message;
