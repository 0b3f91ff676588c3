using QSLM.Format.Codecs;
using QSLM.Format.Formats;
using QSLM.Format.Packed;
using static TorchSharp.torch;

namespace QSLM.Model.Quantization;

/// <summary>
/// Host-side fake quantization: replaces each tensor of a SpikeGPT by the values its assigned
/// format decodes to, computed by the same codecs the packed file and the board use, so the
/// weights the host evaluates are bit-identical to what the board loads; a product whose format quantizes
/// its input (A8) gets that input quantized by <see cref="ActivationFakeQuantizer"/>, the board's formula.
/// </summary>
public static class FakeQuantizer
{
    /// <summary>Quantizes <paramref name="model"/>'s tensors in place; returns the specs that
    /// describe the result (name, shape, format) in state-dict order.</summary>
    public static IReadOnlyList<PackedFileLayout.TensorSpec> Apply(SpikeGpt model, PrecisionAssignment assignment, QuantizeOptions? options = null)
    {
        var specs = new List<PackedFileLayout.TensorSpec>();
        using var _ = no_grad();
        foreach (var (name, tensor) in model.state_dict())
        {
            var spec = Spec(name, tensor, assignment.FormatOf(name));
            specs.Add(spec);
            if (spec.Format.Id == QuantFormats.Fp32.Id && tensor.dtype == ScalarType.Float32) continue;
            // Temporaries are freed here, not by finalizers: a whole model's worth per call.
            using var scope = NewDisposeScope();
            var values = Values(tensor);
            var decoded = QuantCodecs.RoundTrip(spec.Format, values, checked((int)spec.Rows), checked((int)spec.Columns), options);
            tensor.copy_(TorchSharp.torch.tensor(decoded).reshape(tensor.shape).to(tensor.dtype));
        }
        model.QuantizeInputs(name => assignment.FormatOf(name).QuantizesActivations);
        return specs;
    }

    /// <summary>The spec of a tensor in a format.</summary>
    public static PackedFileLayout.TensorSpec Spec(string name, Tensor tensor, QuantFormat format) => new(name, tensor.shape, format);

    /// <summary>A tensor's values as float32, row-major.</summary>
    public static float[] Values(Tensor tensor)
    {
        using var scope = NewDisposeScope();
        return tensor.detach().to(ScalarType.Float32).contiguous().reshape(-1).data<float>().ToArray();
    }
}
