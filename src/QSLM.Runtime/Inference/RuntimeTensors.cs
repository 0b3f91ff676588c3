using QSLM.Format.Packed;

namespace QSLM.Runtime.Inference;

/// <summary>Looks up a model's tensors by their reference names and checks their shapes, so a
/// packed file that does not describe the architecture it claims is refused at load.</summary>
internal static class RuntimeTensors
{
    public static float[] Vector(PackedModel model, string name, int length)
    {
        var entry = Find(model, name);
        var elements = entry.Shape.Aggregate(1L, (a, b) => a * b);
        if (elements != length) throw Mismatch(model, name, entry.Shape, $"{length} elements");
        return model.Decode(name);
    }

    public static PackedMatrix Matrix(PackedModel model, string name, int rows, int columns)
    {
        var entry = Find(model, name);
        if (entry.Shape is not [var r, var c] || r != rows || c != columns) throw Mismatch(model, name, entry.Shape, $"[{rows}, {columns}]");
        return new PackedMatrix(model, name);
    }

    private static PackedTensorEntry Find(PackedModel model, string name) =>
        model.TryGetEntry(name, out var entry) ? entry : throw new PackedFileException($"{model.Path}: the manifest lacks {name}, which a {model.Manifest.Architecture.Family} of this shape needs");

    private static PackedFileException Mismatch(PackedModel model, string name, long[] shape, string expected) =>
        new($"{model.Path}: {name} has shape [{string.Join(", ", shape)}], expected {expected} for the architecture in the manifest");
}
