namespace QSLM.Format.Formats;

/// <summary>How a format maps floats to stored values.</summary>
public enum QuantScheme
{
    /// <summary>IEEE-754 or bfloat16 values stored as they are.</summary>
    Float,

    /// <summary>Signed integers <c>q</c> in [-(2^(b-1)-1), 2^(b-1)-1], value = q·scale, one fp16
    /// scale per group (or per output channel).</summary>
    Symmetric,

    /// <summary>Unsigned integers <c>q</c> in [0, 2^b-1], value = q·scale + min, an fp16 scale and
    /// an fp16 minimum per group.</summary>
    Asymmetric,

    /// <summary>One bit per weight: 1 when the weight is ≥ 0, decoded as +1 or -1. Exact wherever
    /// only the sign matters, as for SpikeGPT's embedding, which feeds a Heaviside step.</summary>
    Sign,
}
