using QSLM.Format.Formats;

namespace QSLM.Format.Codecs;

/// <summary>
/// One bit per weight: 1 when the weight is ≥ 0 (so -0.0 counts as non-negative, as PyTorch's
/// <c>x &gt;= 0</c> does), decoded as +1 or -1. SpikeGPT's embedding output feeds a Heaviside step
/// that fires iff its input is ≥ 0, so for the embedding this format is exact.
/// </summary>
public sealed class SignCodec : IQuantCodec
{
    /// <summary>Creates the codec of the sign format.</summary>
    public SignCodec(QuantFormat format)
    {
        if (format.Scheme != QuantScheme.Sign) throw new ArgumentException($"{format} is not the sign format");
        Format = format;
    }

    /// <inheritdoc />
    public QuantFormat Format { get; }

    /// <inheritdoc />
    public void Encode(ReadOnlySpan<float> values, int rows, int columns, Span<byte> destination, QuantizeOptions options)
    {
        var rowBytes = (columns + 7) / 8;
        destination[..checked(rows * rowBytes)].Clear();
        for (var r = 0; r < rows; r++)
        {
            var row = values.Slice(r * columns, columns);
            var output = destination.Slice(r * rowBytes, rowBytes);
            for (var i = 0; i < columns; i++)
            {
                if (float.IsNaN(row[i])) throw new ArgumentException("cannot quantize a tensor that holds NaN");
                if (row[i] >= 0) output[i >> 3] |= (byte)(1 << (i & 7));
            }
        }
    }

    /// <inheritdoc />
    public void Decode(ReadOnlySpan<byte> source, int rows, int columns, Span<float> destination)
    {
        var rowBytes = (columns + 7) / 8;
        for (var r = 0; r < rows; r++)
        {
            var input = source.Slice(r * rowBytes, rowBytes);
            var output = destination.Slice(r * columns, columns);
            for (var i = 0; i < columns; i++) output[i] = (input[i >> 3] >> (i & 7) & 1) != 0 ? 1f : -1f;
        }
    }
}
