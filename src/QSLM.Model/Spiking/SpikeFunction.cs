using QSLM.Model.Tensors;
using static TorchSharp.torch;

namespace QSLM.Model.Spiking;

/// <summary>
/// Heaviside step with the ATan surrogate gradient of SpikingJelly's <c>surrogate.ATan</c>
/// (Fang et al., "Incorporating Learnable Membrane Time Constant to Enhance Learning of Spiking
/// Neural Networks", ICCV 2021): forward <c>x &gt;= 0</c> as exactly 0/1, backward
/// <c>(alpha/2) / (1 + (pi/2 · alpha · x)²)</c>.
/// </summary>
public sealed class SpikeFunction : autograd.SingleTensorFunction<SpikeFunction>
{
    /// <summary>The surrogate's sharpness; SpikeGPT uses SpikingJelly's default of 2.</summary>
    public const double Alpha = 2.0;

    /// <inheritdoc />
    public override string Name => "QslmAtanSpike";

    /// <summary>Applies the spike to <paramref name="x"/> (already shifted by the threshold).</summary>
    public static Tensor Spike(Tensor x) => apply(x);

    /// <summary>The surrogate derivative, as used by <see cref="backward"/>.</summary>
    public static Tensor SurrogateGradient(Tensor x)
    {
        var scaled = x.Times(Math.PI / 2 * Alpha);
        return scaled.Power(2).Plus(1.0).reciprocal().Times(Alpha / 2);
    }

    /// <inheritdoc />
    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var x = (Tensor)vars[0];
        ctx.save_for_backward([x]);
        return x.AtLeast(0).to(x.dtype);
    }

    /// <inheritdoc />
    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
    {
        var x = ctx.get_saved_variables()[0];
        return [grad_output * SurrogateGradient(x)];
    }
}
