using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using QSLM.Format.Formats;

namespace QSLM.Format.Codecs;

/// <summary>
/// Integer formats with one set of parameters per group along each row (a whole row for the
/// per-channel formats): symmetric (<c>x ≈ q·s</c>, q in ±(2^(b-1)-1), fp16 <c>s</c>) and
/// asymmetric (<c>x ≈ q·s + m</c>, q in [0, 2^b-1], fp16 <c>s</c> and <c>m</c>), round-to-nearest
/// (ties to even), as in the per-group schemes of GPTQ/AWQ-style weight-only quantization.
/// Scales are rounded to fp16 before the codes are chosen, so encoding is optimal for the stored
/// scale. A group's bytes are laid out by <see cref="GroupedIntLayout"/>: its parameters, then its codes
/// bit-packed; symmetric codes are stored offset by 2^(b-1)-1.
/// </summary>
public sealed class GroupedIntCodec : IQuantCodec
{
    private readonly bool _avx2;

    /// <summary>Creates the codec of a symmetric or asymmetric format; <paramref name="allowAvx2"/> false decodes
    /// as a processor without AVX2 does (an arm64 board), so that path can be checked on any host. The runtime
    /// sets it from its kernel path, so its scalar reference decodes without AVX2.</summary>
    public GroupedIntCodec(QuantFormat format, bool allowAvx2 = true)
    {
        if (format.Scheme is not (QuantScheme.Symmetric or QuantScheme.Asymmetric) || format.Bits is < 2 or > 8)
            throw new ArgumentException($"{format} is not a 2..8-bit integer format");
        Format = format;
        _avx2 = allowAvx2 && Avx2.IsSupported;
    }

    /// <inheritdoc />
    public QuantFormat Format { get; }

    /// <summary>Whether <see cref="Decode"/> unpacks codes with AVX2 (allowed, and the processor has it).</summary>
    public bool DecodesWithAvx2 => _avx2;

    private bool Symmetric => Format.Scheme == QuantScheme.Symmetric;

    /// <inheritdoc />
    public void Encode(ReadOnlySpan<float> values, int rows, int columns, Span<byte> destination, QuantizeOptions options)
    {
        var group = Format.GroupLength(columns);
        var buffer = group <= 4096 ? stackalloc byte[group] : new byte[group];
        var at = 0;
        for (var r = 0; r < rows; r++)
        {
            var row = values.Slice(r * columns, columns);
            for (var start = 0; start < columns; start += group)
            {
                var length = Math.Min(group, columns - start);
                var x = row.Slice(start, length);
                var codes = buffer[..length];
                var (scale, minimum) = ChooseParameters(x, options);
                at += GroupedIntLayout.WriteHeader(Format, destination[at..], scale, minimum);
                Quantize(x, (float)scale, (float)minimum, codes);
                BitPacking.Pack(codes, Format.Bits, destination[at..]);
                at += BitPacking.PackedLength(length, Format.Bits);
            }
        }
    }

    /// <inheritdoc />
    public void Decode(ReadOnlySpan<byte> source, int rows, int columns, Span<float> destination)
    {
        var group = Format.GroupLength(columns);
        var bits = Format.Bits;
        var levels = 1 << bits;
        // A row is decoded per token on a board. With AVX2 eight codes are unpacked and scaled in registers
        // (the same operations as the scalar formula, lane by lane); otherwise a table of every value pays off
        // when a full group has at least twice as many codes as values (a shorter last group reuses it).
        // Only the scratch the chosen path reads is set aside.
        var inRegisters = _avx2 && bits < 8;
        var byTable = !inRegisters && bits < 8 && 2 * levels <= group;
        Span<float> table = byTable ? stackalloc float[levels] : default;
        var buffer = byTable ? default : group <= 4096 ? stackalloc byte[group] : new byte[group];
        var at = 0;
        var offset = GroupedIntLayout.CodeOffset(Format);
        for (var r = 0; r < rows; r++)
        {
            for (var start = 0; start < columns; start += group)
            {
                var length = Math.Min(group, columns - start);
                var (scale, minimum) = GroupedIntLayout.ReadHeader(Format, source[at..]);
                at += GroupedIntLayout.HeaderBytes(Format);
                var output = destination.Slice(r * columns + start, length);
                if (inRegisters)
                {
                    DecodeInRegisters(source[at..], bits, offset, scale, minimum, output);
                }
                else if (byTable)
                {
                    // Every value a code can stand for, computed by the same expression as below, so
                    // both paths give identical floats; a board runtime decodes a low-bit row per token.
                    for (var c = 0; c < levels; c++) table[c] = (c - offset) * scale + minimum;
                    DecodeThroughTable(source[at..], bits, table, output);
                }
                else
                {
                    DecodeByFormula(source[at..], bits, offset, scale, minimum, buffer[..length], output);
                }
                at += BitPacking.PackedLength(length, bits);
            }
        }
    }

    // Eight codes of b bits fill exactly b bytes, so one little-endian 64-bit read yields eight codes
    // and the next eight start on a byte boundary; the last few are unpacked by BitPacking.
    private static unsafe void DecodeThroughTable(ReadOnlySpan<byte> packed, int bits, ReadOnlySpan<float> table, Span<float> output)
    {
        var mask = (1UL << bits) - 1;
        var i = 0;
        var at = 0;
        fixed (byte* p = packed)
        fixed (float* t = table)
        fixed (float* o = output)
        {
            // In bounds: at + 8 <= packed.Length for the read, i + 8 <= output.Length for the writes, and
            // every index into the table is masked below 2^bits, its length.
            for (; i + 8 <= output.Length && at + 8 <= packed.Length; i += 8, at += bits)
            {
                var word = Unsafe.ReadUnaligned<ulong>(p + at);
                if (!BitConverter.IsLittleEndian) word = BinaryPrimitives.ReverseEndianness(word);
                o[i] = t[word & mask];
                o[i + 1] = t[(word >> bits) & mask];
                o[i + 2] = t[(word >> (2 * bits)) & mask];
                o[i + 3] = t[(word >> (3 * bits)) & mask];
                o[i + 4] = t[(word >> (4 * bits)) & mask];
                o[i + 5] = t[(word >> (5 * bits)) & mask];
                o[i + 6] = t[(word >> (6 * bits)) & mask];
                o[i + 7] = t[(word >> (7 * bits)) & mask];
            }
        }
        // What is left starts on a byte boundary: under eight codes, or at the tensor's very end under 8 bytes of them.
        var rest = output.Length - i;
        if (rest == 0) return;
        Span<byte> codes = rest <= 64 ? stackalloc byte[rest] : new byte[rest];
        BitPacking.Unpack(packed[at..], bits, codes);
        for (var j = 0; j < rest; j++) output[i + j] = table[codes[j]];
    }

    // AVX2: eight codes of b bits fill b bytes. For b <= 4 they fit one 32-bit read, broadcast to eight
    // lanes and shifted by 0, b, …, 7b each; wider codes take a 64-bit read, two variable shifts of four
    // 64-bit lanes and a narrowing. The lanes are then scaled by exactly the scalar formula's operations
    // (an exact int-to-float conversion, a multiply, an add, never fused), so each float equals the formula's.
    private static unsafe void DecodeInRegisters(ReadOnlySpan<byte> packed, int bits, int offset, float scale, float minimum, Span<float> output)
    {
        var offsets = Vector256.Create(offset);
        var scales = Vector256.Create(scale);
        var minimums = Vector256.Create(minimum);
        var i = 0;
        var at = 0;
        fixed (byte* p = packed)
        fixed (float* o = output)
        {
            if (bits <= 4)
            {
                var shifts = Vector256.Create(0, bits, 2 * bits, 3 * bits, 4 * bits, 5 * bits, 6 * bits, 7 * bits).AsUInt32();
                var mask = Vector256.Create((1 << bits) - 1);
                // In bounds: at + 4 <= packed.Length for the read, i + 8 <= output.Length for the store.
                for (; i + 8 <= output.Length && at + 4 <= packed.Length; i += 8, at += bits)
                {
                    var codes = Avx2.ShiftRightLogicalVariable(Vector256.Create(Unsafe.ReadUnaligned<int>(p + at)), shifts) & mask;
                    (Vector256.ConvertToSingle(codes - offsets) * scales + minimums).Store(o + i);
                }
            }
            else
            {
                var b = (ulong)bits;
                var lowShifts = Vector256.Create(0, b, 2 * b, 3 * b);
                var highShifts = Vector256.Create(4 * b, 5 * b, 6 * b, 7 * b);
                var mask = Vector256.Create((1UL << bits) - 1);
                // In bounds: at + 8 <= packed.Length for the read, i + 8 <= output.Length for the store.
                for (; i + 8 <= output.Length && at + 8 <= packed.Length; i += 8, at += bits)
                {
                    var word = Vector256.Create(Unsafe.ReadUnaligned<ulong>(p + at));
                    var codes = Vector256.Narrow(Avx2.ShiftRightLogicalVariable(word, lowShifts) & mask, Avx2.ShiftRightLogicalVariable(word, highShifts) & mask).AsInt32();
                    (Vector256.ConvertToSingle(codes - offsets) * scales + minimums).Store(o + i);
                }
            }
        }
        var rest = output.Length - i;
        if (rest == 0) return;
        DecodeByFormula(packed[at..], bits, offset, scale, minimum, rest <= 64 ? stackalloc byte[rest] : new byte[rest], output[i..]);
    }

    /// <summary>The format's definition, code by code: unpacks <paramref name="codes"/>.Length codes into
    /// <paramref name="codes"/> (scratch) and writes <c>(code − offset)·scale + minimum</c> for each.</summary>
    private static void DecodeByFormula(ReadOnlySpan<byte> packed, int bits, int offset, float scale, float minimum, Span<byte> codes, Span<float> output)
    {
        BitPacking.Unpack(packed, bits, codes);
        for (var i = 0; i < codes.Length; i++) output[i] = (codes[i] - offset) * scale + minimum;
    }

    private (Half Scale, Half Minimum) ChooseParameters(ReadOnlySpan<float> x, QuantizeOptions options)
    {
        float lo = float.MaxValue, hi = float.MinValue;
        foreach (var v in x)
        {
            if (!float.IsFinite(v)) throw new ArgumentException("cannot quantize a tensor that holds NaN or infinity");
            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
        }
        var best = Parameters(lo, hi, 1f);
        if (!options.ClipSearch) return best;
        var codes = x.Length <= 4096 ? stackalloc byte[x.Length] : new byte[x.Length];
        var bestError = double.MaxValue;
        foreach (var ratio in QuantizeOptions.ClipRatios)
        {
            var candidate = Parameters(lo, hi, ratio);
            Quantize(x, (float)candidate.Scale, (float)candidate.Minimum, codes);
            var error = SquaredError(x, codes, (float)candidate.Scale, (float)candidate.Minimum);
            if (error < bestError)
            {
                bestError = error;
                best = candidate;
            }
        }
        return best;
    }

    private (Half Scale, Half Minimum) Parameters(float lo, float hi, float ratio)
    {
        if (Symmetric)
        {
            var absMax = Math.Max(Math.Abs(lo), Math.Abs(hi)) * ratio;
            return ((Half)(absMax / Format.SymmetricMax), Half.Zero);
        }
        lo *= ratio;
        hi *= ratio;
        var minimum = (Half)lo;
        return ((Half)((hi - (float)minimum) / Format.AsymmetricMax), minimum);
    }

    private void Quantize(ReadOnlySpan<float> x, float scale, float minimum, Span<byte> codes)
    {
        if (scale == 0 || !float.IsFinite(scale))
        {
            codes.Fill((byte)GroupedIntLayout.CodeOffset(Format));
            return;
        }
        int low = Symmetric ? -Format.SymmetricMax : 0, high = Symmetric ? Format.SymmetricMax : Format.AsymmetricMax;
        var offset = GroupedIntLayout.CodeOffset(Format);
        for (var i = 0; i < x.Length; i++)
        {
            var q = (int)MathF.Round((x[i] - minimum) / scale, MidpointRounding.ToEven);
            codes[i] = (byte)(Math.Clamp(q, low, high) + offset);
        }
    }

    private double SquaredError(ReadOnlySpan<float> x, ReadOnlySpan<byte> codes, float scale, float minimum)
    {
        var offset = GroupedIntLayout.CodeOffset(Format);
        double sum = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var d = x[i] - ((codes[i] - offset) * scale + minimum);
            sum += d * d;
        }
        return sum;
    }
}
