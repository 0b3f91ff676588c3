namespace QSLM.Protocol;

/// <summary>
/// The codes an <see cref="Messages.ErrorReply"/> carries. The host classifies failures by these codes
/// (infrastructure or candidate), so a code, once published, keeps its meaning.
/// </summary>
public static class ErrorCodes
{
    /// <summary>The line was not valid JSON or not a known message.</summary>
    public const string BadRequest = "bad-request";

    /// <summary>A message or a model exceeds the receiver's cap.</summary>
    public const string TooLarge = "too-large";

    /// <summary>The hello named a protocol version the agent does not speak.</summary>
    public const string VersionMismatch = "version-mismatch";

    /// <summary>A put-model chunk did not start where the agent's partial copy ends.</summary>
    public const string OffsetMismatch = "offset-mismatch";

    /// <summary>The uploaded or stored bytes do not hash to the announced SHA-256.</summary>
    public const string HashMismatch = "hash-mismatch";

    /// <summary>The agent holds no complete model with that hash.</summary>
    public const string ModelMissing = "model-missing";

    /// <summary>The model's bytes hash correctly but the runtime refuses the file (corrupt layout, unsupported format).</summary>
    public const string ModelInvalid = "model-invalid";

    /// <summary>The model ran out of memory on the board.</summary>
    public const string OutOfMemory = "out-of-memory";

    /// <summary>The model failed while running.</summary>
    public const string RunFailed = "run-failed";

    /// <summary>A message arrived in a state where it makes no sense (an ack with no mark pending).</summary>
    public const string OutOfSequence = "out-of-sequence";

    /// <summary>The agent failed for a reason of its own (disk full, I/O error).</summary>
    public const string AgentFailure = "agent-failure";
}
