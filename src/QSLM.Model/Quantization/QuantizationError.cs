using QSLM.Format.Codecs;
using QSLM.Format.Formats;

namespace QSLM.Model.Quantization;

/// <summary>Relative RMS error of a format on a model's weights:
/// <c>sqrt(Σ(w - q(w))² / Σw²)</c> over the selected tensors, with q the codec round trip.</summary>
public static class QuantizationError
{
    /// <summary>The error of <paramref name="format"/> over the tensors of <paramref name="model"/>
    /// that <paramref name="include"/> selects (by name and shape).</summary>
    public static double RelativeRms(SpikeGpt model, QuantFormat format, Func<string, long[], bool> include, QuantizeOptions? options = null)
    {
        double error = 0, energy = 0;
        foreach (var (name, tensor) in model.state_dict())
        {
            if (!include(name, tensor.shape)) continue;
            var spec = FakeQuantizer.Spec(name, tensor, format);
            var values = FakeQuantizer.Values(tensor);
            var decoded = QuantCodecs.RoundTrip(format, values, checked((int)spec.Rows), checked((int)spec.Columns), options);
            for (var i = 0; i < values.Length; i++)
            {
                double d = values[i] - decoded[i];
                error += d * d;
                energy += (double)values[i] * values[i];
            }
        }
        return energy == 0 ? 0 : Math.Sqrt(error / energy);
    }
}
