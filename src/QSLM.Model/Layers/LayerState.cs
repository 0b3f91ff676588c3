using QSLM.Model.Tensors;
using static TorchSharp.torch;

namespace QSLM.Model.Layers;

/// <summary>
/// The O(1) recurrent state of one SpikeGPT block, each tensor of shape (B, C): the token-shift
/// inputs of time-mix and channel-mix, the WKV numerator, denominator and running maximum
/// (RWKV-4's numerically stable form), and the two LIF membranes.
/// </summary>
public sealed class LayerState : IDisposable
{
    /// <summary>Creates a state from its tensors.</summary>
    public LayerState(Tensor attShift, Tensor wkvNumerator, Tensor wkvDenominator, Tensor wkvMax, Tensor ffnShift, Tensor attMembrane, Tensor ffnMembrane)
    {
        AttShift = attShift;
        WkvNumerator = wkvNumerator;
        WkvDenominator = wkvDenominator;
        WkvMax = wkvMax;
        FfnShift = ffnShift;
        AttMembrane = attMembrane;
        FfnMembrane = ffnMembrane;
    }

    /// <summary>Last ln1 output seen by time-mix.</summary>
    public Tensor AttShift { get; }

    /// <summary>WKV running numerator (float32 or wider).</summary>
    public Tensor WkvNumerator { get; }

    /// <summary>WKV running denominator (float32 or wider).</summary>
    public Tensor WkvDenominator { get; }

    /// <summary>WKV running exponent maximum (float32 or wider).</summary>
    public Tensor WkvMax { get; }

    /// <summary>Last ln2 output seen by channel-mix.</summary>
    public Tensor FfnShift { get; }

    /// <summary>Membrane of the LIF after time-mix.</summary>
    public Tensor AttMembrane { get; }

    /// <summary>Membrane of the LIF after channel-mix.</summary>
    public Tensor FfnMembrane { get; }

    /// <summary>The initial state: zeros, and a WKV maximum of -1e38 (nothing accumulated yet).</summary>
    public static LayerState Initial(long batch, long width, ScalarType dtype)
    {
        var wkvType = dtype == ScalarType.Float64 ? ScalarType.Float64 : ScalarType.Float32;
        return new LayerState(
            zeros(batch, width, dtype),
            zeros(batch, width, wkvType),
            zeros(batch, width, wkvType),
            ScalarArithmetic.Filled(batch, width, -1e38, wkvType),
            zeros(batch, width, dtype),
            zeros(batch, width, dtype),
            zeros(batch, width, dtype));
    }

    /// <summary>All tensors, in a fixed order.</summary>
    public IReadOnlyList<Tensor> Tensors => [AttShift, WkvNumerator, WkvDenominator, WkvMax, FfnShift, AttMembrane, FfnMembrane];

    /// <summary>A copy cut from the autograd graph (truncated back-propagation through time).</summary>
    public LayerState Detach() => From(Tensors.Select(t => t.detach()).ToArray());

    /// <summary>Keeps the tensors alive past the innermost dispose scope.</summary>
    public void MoveToOuterDisposeScope()
    {
        foreach (var t in Tensors) t.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var t in Tensors) t.Dispose();
    }

    private static LayerState From(Tensor[] t) => new(t[0], t[1], t[2], t[3], t[4], t[5], t[6]);
}
