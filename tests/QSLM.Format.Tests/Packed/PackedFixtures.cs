using QSLM.Format.Formats;
using QSLM.Format.Packed;
using QSLM.Format.Tests.Codecs;

namespace QSLM.Format.Tests.Packed;

/// <summary>Small packed files for tests: a one-block SpikeGPT of width 8, whose tensors take the given
/// formats in turn; and the forge (<see cref="PackedForge"/>), so the reader's checks past the checksum are reached.</summary>
internal static class PackedFixtures
{
    public static readonly ArchitectureConfig Architecture = new("SpikeGPT", 1, 8, 10, true, 0);

    /// <summary>Every tensor of <see cref="Architecture"/>; tensor i takes <c>formats[(i + shift) % n]</c>.</summary>
    public static IReadOnlyList<PackedModelWriter.TensorData> Tensors(string[] formats, int shift) =>
        SpikeGptTensors.Of(Architecture).Select((t, i) =>
        {
            var count = (int)t.Shape.Aggregate(1L, (a, b) => a * b);
            return new PackedModelWriter.TensorData(new PackedFileLayout.TensorSpec(t.Name, t.Shape, QuantFormats.Get(formats[(i + shift) % formats.Length])), QuantCodecsTests.Gaussian(count, i + 10));
        }).ToList();

    public static IReadOnlyList<PackedModelWriter.TensorData> Tensors(params string[] formats) => Tensors(formats, 0);

    /// <summary>How many tensors a file of <see cref="Architecture"/> holds.</summary>
    public static int TensorCount => SpikeGptTensors.Of(Architecture).Count();

    public static string WriteSmall(string directory, string name = "small.qslm")
    {
        var path = Path.Combine(directory, name);
        PackedModelWriter.Write(path, Architecture, "abc", Tensors("fp16", "int4_g32", "fp32", "int8", "int2_g32_asym", "sign1"));
        return path;
    }

    /// <summary>Rewrites the manifest through <paramref name="edit"/> and re-signs the file.</summary>
    public static void Forge(string path, Func<PackedManifest, PackedManifest> edit, long? extraPayload = null) => PackedForge.Forge(path, edit, extraPayload);

    /// <summary>Re-signs the file after a raw edit of its bytes.</summary>
    public static void Resign(byte[] file) => PackedForge.Resign(file);
}
