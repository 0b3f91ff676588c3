namespace QSLM.Protocol.Serial;

/// <summary>Settings of a <see cref="SerialLink"/>.</summary>
public sealed record SerialLinkOptions
{
    /// <summary>Largest frame payload (a message's JSON plus raw chunk bytes).</summary>
    public int MaxPayloadBytes { get; init; } = ProtocolLimits.DefaultMaxMessageBytes;

    /// <summary>Wait for an ack before the first retransmission, on top of the frame's transmit time.</summary>
    public TimeSpan AckTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Line speed in bytes per second (115200 baud, 8N1, is 11,520), used to allow each
    /// frame its transmit time before it counts as lost.</summary>
    public int BytesPerSecond { get; init; } = 11_520;

    /// <summary>Transmissions of one frame before the link is declared broken.</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>Raw model bytes per put-model chunk over serial: 16 KiB keeps the protocol's
    /// overhead near 2% while a lost frame costs little to send again.</summary>
    public const int DefaultChunkBytes = 16 << 10;
}
