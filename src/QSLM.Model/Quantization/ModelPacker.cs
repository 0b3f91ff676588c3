using QSLM.Format.Codecs;
using QSLM.Format.Formats;
using QSLM.Format.Packed;

namespace QSLM.Model.Quantization;

/// <summary>Writes a SpikeGPT, each tensor in its assigned format, as a packed model file, and
/// computes that file's exact size without writing it.</summary>
public static class ModelPacker
{
    /// <summary>The architecture record of a model.</summary>
    public static ArchitectureConfig Architecture(SpikeGptConfig c) =>
        new("SpikeGPT", c.Layers, c.Width, c.VocabSize, c.HasLmHead, c.ClassCount);

    /// <summary>Specs of every tensor of <paramref name="model"/> under <paramref name="assignment"/>.</summary>
    public static IReadOnlyList<PackedFileLayout.TensorSpec> Specs(SpikeGpt model, PrecisionAssignment assignment) =>
        model.state_dict().Select(kv => FakeQuantizer.Spec(kv.Key, kv.Value, assignment.FormatOf(kv.Key))).ToList();

    /// <summary>Exact size of the packed file of <paramref name="model"/> under <paramref name="assignment"/>.</summary>
    public static long Footprint(SpikeGpt model, PrecisionAssignment assignment, string vocabularyHash) =>
        PackedFileLayout.FileSize(Architecture(model.Config), vocabularyHash, Specs(model, assignment));

    /// <summary>Packs <paramref name="model"/> (its unquantized weights) into <paramref name="path"/>.</summary>
    public static PackedManifest Pack(SpikeGpt model, PrecisionAssignment assignment, string vocabularyHash, string path, QuantizeOptions? options = null)
    {
        var tensors = model.state_dict()
            .Select(kv => new PackedModelWriter.TensorData(FakeQuantizer.Spec(kv.Key, kv.Value, assignment.FormatOf(kv.Key)), FakeQuantizer.Values(kv.Value)))
            .ToList();
        return PackedModelWriter.Write(path, Architecture(model.Config), vocabularyHash, tensors, options);
    }
}
