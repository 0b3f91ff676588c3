using QSLM.Format.Formats;

namespace QSLM.Format.Packed;

/// <summary>One tensor's line in a summary.</summary>
/// <param name="Name">Tensor name.</param>
/// <param name="Shape">Shape.</param>
/// <param name="Format">Format.</param>
/// <param name="Elements">Number of weights.</param>
/// <param name="Bytes">Stored bytes.</param>
public sealed record TensorSummary(string Name, long[] Shape, QuantFormat Format, long Elements, long Bytes)
{
    /// <summary>Stored bits per weight, scales included.</summary>
    public double BitsPerWeight => 8.0 * Bytes / Elements;
}

/// <summary>Totals of a packed model: bytes, average bits per weight, reduction against fp32
/// (4 bytes per parameter, the baseline every memory figure of QSLM is counted against).</summary>
/// <param name="Tensors">Per-tensor lines.</param>
/// <param name="FileBytes">Size of the whole file, header, manifest, padding and checksum included.</param>
public sealed record PackedModelSummary(IReadOnlyList<TensorSummary> Tensors, long FileBytes)
{
    /// <summary>Number of parameters.</summary>
    public long Parameters => Tensors.Sum(t => t.Elements);

    /// <summary>Bytes of tensor data alone.</summary>
    public long TensorBytes => Tensors.Sum(t => t.Bytes);

    /// <summary>The same parameters in fp32.</summary>
    public long Fp32Bytes => 4 * Parameters;

    /// <summary>Average stored bits per weight over the tensor data.</summary>
    public double AverageBitsPerWeight => Parameters == 0 ? 0 : 8.0 * TensorBytes / Parameters;

    /// <summary>1 - file size / fp32 size.</summary>
    public double ReductionVsFp32 => Fp32Bytes == 0 ? 0 : 1.0 - (double)FileBytes / Fp32Bytes;

    /// <summary>Summarises a manifest and the size of its file.</summary>
    public static PackedModelSummary Of(PackedManifest manifest, long fileBytes) =>
        new(manifest.Tensors.Select(t =>
        {
            QuantFormats.TryGet(t.FormatId, out var format);
            return new TensorSummary(t.Name, t.Shape, format, t.Shape.Aggregate(1L, (a, b) => checked(a * b)), t.Length);
        }).ToList(), fileBytes);
}
