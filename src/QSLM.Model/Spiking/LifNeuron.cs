using QSLM.Model.Tensors;
using static TorchSharp.torch;

namespace QSLM.Model.Spiking;

/// <summary>
/// Multi-step leaky integrate-and-fire neuron of SpikingJelly's <c>MultiStepLIFNode</c> as SpikeGPT
/// configures it: tau 2, threshold 1, hard reset to 0, input decay (<c>v += (x - v)/tau</c>), reset
/// detached from the graph (<c>detach_reset=True</c>). Time runs along the token axis.
/// </summary>
public static class LifNeuron
{
    /// <summary>Membrane time constant.</summary>
    public const double Tau = 2.0;

    /// <summary>Firing threshold.</summary>
    public const double Threshold = 1.0;

    /// <summary>One time step: charges <paramref name="membrane"/> with <paramref name="input"/>,
    /// returns the spikes (0/1) and the membrane after the hard reset.</summary>
    public static (Tensor Spikes, Tensor Membrane) Step(Tensor input, Tensor membrane)
    {
        var charged = membrane.Plus((input - membrane).Over(Tau));
        var spikes = SpikeFunction.Spike(charged.Minus(Threshold));
        var reset = charged * 1.0.Minus(spikes.detach());
        return (spikes, reset);
    }

    /// <summary>Runs the neuron over <paramref name="input"/> of shape (B, T, C) from the membrane
    /// state (B, C); returns spikes (B, T, C) and the final membrane.</summary>
    public static (Tensor Spikes, Tensor Membrane) Run(Tensor input, Tensor membrane)
    {
        var steps = (int)input.shape[1];
        var spikes = new Tensor[steps];
        for (var t = 0; t < steps; t++)
        {
            (spikes[t], membrane) = Step(input.select(1, t), membrane);
        }
        return (stack(spikes, 1), membrane);
    }
}
