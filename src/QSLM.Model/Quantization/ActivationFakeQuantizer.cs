using QSLM.Format.Codecs;
using QSLM.Model.Tensors;
using static TorchSharp.torch;

namespace QSLM.Model.Quantization;

/// <summary>
/// The host's simulation of an A8 product's input: <see cref="ActivationQuantization"/>'s formula in libtorch
/// operations, element for element the board's (tested bit for bit): groups of 32 along the last axis, the
/// last one shorter (padded with zeros, which change no maximum); <c>s = maxabs / 127</c> and <c>q = clamp(round_half_to_even(x / s), −127, 127)</c>, both
/// IEEE float32 divisions by a full tensor (a division by a scalar may be computed as a multiply by its
/// reciprocal, which rounds differently); a group of zeros or with a non-finite scale gets codes 0. The
/// result is <c>q·s</c>, what the board's integer dot product multiplies by a weight.
/// </summary>
public static class ActivationFakeQuantizer
{
    /// <summary>The dequantized input <c>q·s</c>, in <paramref name="x"/>'s shape and type.</summary>
    public static Tensor Apply(Tensor x)
    {
        using var scope = NewDisposeScope();
        var shape = x.shape;
        var columns = shape[^1];
        const int group = ActivationQuantization.GroupSize;
        var padded = (columns + group - 1) / group * group;
        var values = x.to(ScalarType.Float32).reshape(-1, columns);
        if (padded != columns) values = nn.functional.pad(values, [0, padded - columns]);
        var groups = values.reshape(-1, padded / group, group);
        var maxAbs = groups.abs().amax([-1], keepdim: true);
        var scale = maxAbs.div(ScalarArithmetic.FilledLike(maxAbs, ActivationQuantization.MaxCode));
        var codes = groups.div(scale).round().Clamped(-ActivationQuantization.MaxCode, ActivationQuantization.MaxCode);
        var usable = scale.isfinite().logical_and(scale.NotEqualTo(0));
        // Adding +0 turns a rounded −0 into the integer code 0 the board has.
        codes = where(usable, codes, zeros_like(codes)).Plus(0.0);
        var result = codes.mul(scale).reshape(-1, padded).narrow(1, 0, columns).reshape(shape).to(x.dtype);
        return result.MoveToOuterDisposeScope();
    }
}
