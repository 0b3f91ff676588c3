namespace QSLM.Search.Hierarchy;

/// <summary>
/// The finest unit the search assigns a precision to: one weight matrix (<c>blocks.3.att.key</c>)
/// or a group of vectors (<c>blocks.3.att.time_*</c>, a LayerNorm). <see cref="Pattern"/> matches
/// exactly its tensors in a <see cref="Format.Formats.PrecisionAssignment"/>.
/// </summary>
/// <param name="Name">Dotted name, e.g. <c>blocks.3.att.key</c> or <c>blocks.3.att.time</c>.</param>
/// <param name="Block">Name of the block that holds it.</param>
/// <param name="Pattern">Glob that matches its tensors and no others.</param>
/// <param name="Tensors">Its tensors' names and shapes.</param>
/// <param name="Parameters">Number of weights.</param>
/// <param name="IsMatrix">Whether it holds a weight matrix, whose precision the search chooses.
/// Vectors (LayerNorms, time mixing and decay, biases) always stay fp32: they are about 0.1% of the
/// bytes and <c>time_decay</c> sits inside an exponential, so quantizing them saves nothing worth
/// their risk.</param>
public sealed record ModelModule(string Name, string Block, string Pattern, IReadOnlyList<(string Name, long[] Shape)> Tensors, long Parameters, bool IsMatrix)
{
    /// <summary>Exact encoded bytes of its tensors (packed file layout) with its matrices in <paramref name="format"/>.</summary>
    public long Bytes(Format.Formats.QuantFormat format) =>
        Tensors.Sum(t => new Format.Packed.PackedFileLayout.TensorSpec(t.Name, t.Shape, FormatOf(t.Shape, format)).Bytes);

    /// <summary>The format a tensor of <paramref name="shape"/> takes when its module's matrices take <paramref name="format"/>.</summary>
    public static Format.Formats.QuantFormat FormatOf(long[] shape, Format.Formats.QuantFormat format) =>
        shape.Length == 2 ? format : Format.Formats.QuantFormats.Fp32;
}
