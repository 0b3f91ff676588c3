using QSLM.Model.Spiking;
using static TorchSharp.torch;

namespace QSLM.Model.Tests.Spiking;

public class LifNeuronTests
{
    [Fact]
    public void Constant_input_charges_fires_and_hard_resets_as_spikingjelly_does()
    {
        // v += (x - v)/2; spike when v >= 1; v <- 0 after a spike.
        // x = 1.5: v 0.75 (no), 1.125 (spike, reset 0), 0.75 (no), 1.125 (spike) ...
        var input = full(1, 4, 1, 1.5, ScalarType.Float64);
        var (spikes, membrane) = LifNeuron.Run(input, zeros(1, 1, ScalarType.Float64));
        Assert.Equal(new[] { 0.0, 1.0, 0.0, 1.0 }, spikes.reshape(-1).data<double>().ToArray());
        Assert.Equal(0.0, membrane.item<double>());
    }

    [Fact]
    public void Sub_threshold_input_never_fires_and_the_membrane_approaches_it()
    {
        var input = full(1, 20, 1, 0.9, ScalarType.Float64);
        var (spikes, membrane) = LifNeuron.Run(input, zeros(1, 1, ScalarType.Float64));
        Assert.Equal(0.0, spikes.sum().item<double>());
        Assert.Equal(0.9 * (1 - Math.Pow(0.5, 20)), membrane.item<double>(), 12);
    }

    [Fact]
    public void Spikes_of_random_input_are_exactly_binary()
    {
        random.manual_seed(3);
        var input = randn(4, 32, 16) * 3;
        var (spikes, _) = LifNeuron.Run(input, zeros(4, 16));
        var values = spikes.unique().Item1.data<float>().ToArray();
        Assert.Equal(new[] { 0f, 1f }, values);
    }

    [Fact]
    public void Reset_is_detached_so_gradient_flows_only_through_the_charge()
    {
        var x = tensor(new[] { 3.0 }, ScalarType.Float64).reshape(1, 1, 1).requires_grad_(true);
        var (spikes, _) = LifNeuron.Run(x, zeros(1, 1, ScalarType.Float64));
        spikes.sum().backward();
        // v = x/2 = 1.5; d spike/dv = 1/(1+(pi*0.5)^2); dv/dx = 1/2
        Assert.Equal(0.5 / (1 + Math.Pow(Math.PI * 0.5, 2)), x.grad!.item<double>(), 12);
    }
}
