namespace QSLM.Agent.Serve;

/// <summary>A refused store operation: its protocol error code and how many bytes of the model the agent now holds.</summary>
internal sealed class StoreException(string code, string message, long bytesHeld) : Exception(message)
{
    public string Code { get; } = code;

    public long BytesHeld { get; } = bytesHeld;
}
