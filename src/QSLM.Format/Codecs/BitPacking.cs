namespace QSLM.Format.Codecs;

/// <summary>Packs unsigned codes of 1..8 bits into a little-endian bit stream (the first code in
/// the lowest bits of the first byte) and back.</summary>
public static class BitPacking
{
    /// <summary>Bytes needed for <paramref name="count"/> codes of <paramref name="bits"/> bits.</summary>
    public static int PackedLength(int count, int bits) => (int)(((long)count * bits + 7) / 8);

    /// <summary>Packs <paramref name="codes"/> (each below 2^bits) into <paramref name="destination"/>.</summary>
    public static void Pack(ReadOnlySpan<byte> codes, int bits, Span<byte> destination)
    {
        if (bits == 8)
        {
            codes.CopyTo(destination);
            return;
        }
        ulong buffer = 0;
        var filled = 0;
        var at = 0;
        foreach (var code in codes)
        {
            buffer |= (ulong)code << filled;
            filled += bits;
            while (filled >= 8)
            {
                destination[at++] = (byte)buffer;
                buffer >>= 8;
                filled -= 8;
            }
        }
        if (filled > 0) destination[at] = (byte)buffer;
    }

    /// <summary>Unpacks <c>codes.Length</c> codes of <paramref name="bits"/> bits from <paramref name="source"/>.</summary>
    public static void Unpack(ReadOnlySpan<byte> source, int bits, Span<byte> codes)
    {
        if (bits == 8)
        {
            source[..codes.Length].CopyTo(codes);
            return;
        }
        var mask = (1UL << bits) - 1;
        ulong buffer = 0;
        var filled = 0;
        var at = 0;
        for (var i = 0; i < codes.Length; i++)
        {
            while (filled < bits)
            {
                buffer |= (ulong)source[at++] << filled;
                filled += 8;
            }
            codes[i] = (byte)(buffer & mask);
            buffer >>= bits;
            filled -= bits;
        }
    }
}
