namespace QSLM.Format.Codecs;

/// <summary>
/// How an A8 format quantizes the input vector of a product, the one definition that the board's
/// kernels call and the host's simulation reproduces operation for operation: the input is cut into
/// groups of <see cref="GroupSize"/> elements (the last may be shorter); a group's scale is
/// <c>s = maxabs / 127</c> in float32 (an IEEE division), and each element's code is
/// <c>q = clamp(round_half_to_even(x / s), −127, 127)</c>, again an IEEE float32 division, so the
/// group stands for <c>q·s</c>. The scheme is llama.cpp's Q8_0 activation format (symmetric int8, one
/// scale per 32 values), with a division by the scale instead of a multiply by its reciprocal, so that
/// host and board round identically without sharing a reciprocal. A group of zeros has scale 0 and
/// codes 0; a group holding NaN or an infinity keeps that non-finite scale and codes 0, so every
/// product with it is NaN on both sides.
/// </summary>
public static class ActivationQuantization
{
    /// <summary>Elements sharing one scale.</summary>
    public const int GroupSize = 32;

    /// <summary>Largest code magnitude: −127..127, so −128 never occurs and a code's negation is a code.</summary>
    public const int MaxCode = 127;

    /// <summary>Groups of a vector of <paramref name="length"/> elements.</summary>
    public static int Groups(int length) => (length + GroupSize - 1) / GroupSize;

    /// <summary>Quantizes <paramref name="x"/>: writes <c>x.Length</c> codes and <see cref="Groups"/> scales.</summary>
    public static void Quantize(ReadOnlySpan<float> x, Span<sbyte> codes, Span<float> scales)
    {
        if (codes.Length < x.Length || scales.Length < Groups(x.Length)) throw new ArgumentException("the code or scale buffer is too short");
        for (var g = 0; g * GroupSize < x.Length; g++)
        {
            var start = g * GroupSize;
            var group = x.Slice(start, Math.Min(GroupSize, x.Length - start));
            var output = codes.Slice(start, group.Length);
            var scale = Scale(group);
            scales[g] = scale;
            if (scale == 0f || !float.IsFinite(scale))
            {
                output.Clear();
                continue;
            }
            for (var i = 0; i < group.Length; i++) output[i] = Code(group[i], scale);
        }
    }

    /// <summary>A group's scale: its largest magnitude over 127 (NaN when it holds NaN).</summary>
    public static float Scale(ReadOnlySpan<float> group)
    {
        var max = 0f;
        foreach (var v in group) max = MathF.Max(max, MathF.Abs(v));
        return max / MaxCode;
    }

    /// <summary>The code of <paramref name="value"/> at a finite, non-zero <paramref name="scale"/>.</summary>
    public static sbyte Code(float value, float scale) =>
        (sbyte)Math.Clamp((int)MathF.Round(value / scale, MidpointRounding.ToEven), -MaxCode, MaxCode);
}
