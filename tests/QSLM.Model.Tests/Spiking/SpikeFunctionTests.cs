using QSLM.Model.Spiking;
using static TorchSharp.torch;

namespace QSLM.Model.Tests.Spiking;

public class SpikeFunctionTests
{
    [Fact]
    public void Forward_is_exactly_zero_or_one_with_zero_firing()
    {
        var x = tensor(new[] { -2.0f, -1e-7f, 0f, 1e-7f, 3f });
        var spikes = SpikeFunction.Spike(x).data<float>().ToArray();
        Assert.Equal(new[] { 0f, 0f, 1f, 1f, 1f }, spikes);
    }

    [Fact]
    public void Gradient_equals_the_atan_surrogate_formula()
    {
        var values = new[] { -2.0, -0.5, -0.1, 0.0, 0.25, 1.5 };
        var x = tensor(values, ScalarType.Float64).requires_grad_(true);
        var weights = tensor(new[] { 1.0, 2.0, -1.0, 0.5, 3.0, 1.0 }, ScalarType.Float64);
        (SpikeFunction.Spike(x) * weights).sum().backward();
        var grad = x.grad!.data<double>().ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            // SpikingJelly ATan, alpha = 2: (alpha/2) / (1 + (pi/2 * alpha * x)^2) = 1 / (1 + (pi x)^2)
            var expected = weights[i].item<double>() / (1 + Math.Pow(Math.PI * values[i], 2));
            Assert.Equal(expected, grad[i], 12);
        }
    }
}
