using QSLM.Format.Formats;

namespace QSLM.Format.Codecs;

/// <summary>
/// Encodes a row-major tensor of <c>rows × columns</c> floats into a format's bytes and back.
/// Host fake-quantization and the board's loader both call these, so the weights the host
/// evaluates are bit-identical to what the board decodes.
/// </summary>
public interface IQuantCodec
{
    /// <summary>The format this codec implements.</summary>
    QuantFormat Format { get; }

    /// <summary>Writes exactly <c>Format.EncodedBytes(rows, columns)</c> bytes of <paramref name="values"/>.</summary>
    void Encode(ReadOnlySpan<float> values, int rows, int columns, Span<byte> destination, QuantizeOptions options);

    /// <summary>Reconstructs <c>rows × columns</c> floats from <paramref name="source"/>.</summary>
    void Decode(ReadOnlySpan<byte> source, int rows, int columns, Span<float> destination);
}

/// <summary>Options of quantization.</summary>
/// <param name="ClipSearch">Search, per group, the clipping ratio of the range that minimises the
/// squared reconstruction error, instead of using the full range.</param>
public sealed record QuantizeOptions(bool ClipSearch = false)
{
    /// <summary>Round-to-nearest over the full range.</summary>
    public static QuantizeOptions Default { get; } = new();

    /// <summary>Clipping ratios tried by the search, 1.0 first.</summary>
    public static IReadOnlyList<float> ClipRatios { get; } = [1.0f, 0.95f, 0.9f, 0.85f, 0.8f, 0.75f, 0.7f, 0.65f, 0.6f, 0.55f, 0.5f];
}
