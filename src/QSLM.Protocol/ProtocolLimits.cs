namespace QSLM.Protocol;

/// <summary>
/// Protocol version and the size limits both sides enforce. A line longer than
/// <see cref="DefaultMaxMessageBytes"/> is refused before it is parsed, so a broken or hostile peer
/// cannot make the other side buffer without bound.
/// </summary>
public static class ProtocolLimits
{
    /// <summary>Version of the message set; a hello with another version is refused. 2 added
    /// <see cref="Messages.ExpectModel"/> (an SFTP upload is coming: where does the partial copy end?); 3 the
    /// board-side sampling: windows of a minimum length, sensor samples streamed per window, idle windows,
    /// clock synchronisation and marks stamped with the agent's clock.</summary>
    public const int Version = 3;

    /// <summary>Most samples in one <see cref="Messages.SensorSamples"/> message (a 10 s window of a 1 kHz sensor is 10 chunks).</summary>
    public const int MaxSamplesPerMessage = 1024;

    /// <summary>Largest encoded message (one JSON line, newline excluded): 4 MiB.</summary>
    public const int DefaultMaxMessageBytes = 4 << 20;

    /// <summary>Raw model bytes per put-model chunk: 1 MiB (about 1.37 MB once base64-encoded).</summary>
    public const int DefaultChunkBytes = 1 << 20;

    /// <summary>Largest model the agent accepts unless told otherwise: 4 GiB.</summary>
    public const long DefaultMaxModelBytes = 4L << 30;
}
