using QSLM.Format.Formats;

namespace QSLM.Format.Codecs;

/// <summary>Finds the codec of a format, and quantizes whole tensors in one call.</summary>
public static class QuantCodecs
{
    /// <summary>The codec that implements <paramref name="format"/>; <paramref name="allowAvx2"/> false decodes
    /// without AVX2 (the runtime passes what its kernel path allows, so one switch governs both).</summary>
    public static IQuantCodec For(QuantFormat format, bool allowAvx2 = true) => format.Scheme switch
    {
        QuantScheme.Float => new FloatCodec(format),
        QuantScheme.Sign => new SignCodec(format),
        _ => new GroupedIntCodec(format, allowAvx2),
    };

    /// <summary>Encodes a tensor into a new array of exactly <c>EncodedBytes</c> bytes.</summary>
    public static byte[] Encode(QuantFormat format, ReadOnlySpan<float> values, int rows, int columns, QuantizeOptions? options = null)
    {
        if (values.Length != (long)rows * columns) throw new ArgumentException($"expected {rows}x{columns} values, got {values.Length}");
        var bytes = new byte[format.EncodedBytes(rows, columns)];
        For(format).Encode(values, rows, columns, bytes, options ?? QuantizeOptions.Default);
        return bytes;
    }

    /// <summary>Quantizes and dequantizes: the values a model computes with in this format.</summary>
    public static float[] RoundTrip(QuantFormat format, ReadOnlySpan<float> values, int rows, int columns, QuantizeOptions? options = null)
    {
        var encoded = Encode(format, values, rows, columns, options);
        var decoded = new float[values.Length];
        For(format).Decode(encoded, rows, columns, decoded);
        return decoded;
    }
}
