using QSLM.Format.Formats;
using QSLM.Format.Packed;

namespace QSLM.Benchmarks.Deployment;

/// <summary>
/// A packed model of about the size of another file, with random weights: what <c>bench deploy</c>
/// uploads when it is given a file that is no packed model (its default is the reference checkpoint),
/// since an agent stores nothing but valid packed models. One block of width 64 with an LM head; the
/// vocabulary is chosen so the file comes within a kilobyte of the size asked for.
/// </summary>
internal static class PackedStandIn
{
    private const int Width = 64;

    /// <summary><paramref name="path"/> itself when it is a packed model, else a stand-in of its size written into <paramref name="folder"/>.</summary>
    public static string For(string path, string folder)
    {
        try
        {
            PackedModel.CheckLayout(path);
            return path;
        }
        catch (PackedFileException)
        {
            return Write(Path.Combine(folder, "stand-in.qslm"), new FileInfo(path).Length);
        }
    }

    /// <summary>Writes a stand-in of about <paramref name="bytes"/> bytes to <paramref name="path"/>.</summary>
    public static string Write(string path, long bytes)
    {
        var small = new ArchitectureConfig(SpikeGptTensors.Family, 1, Width, 2, true, 0);
        // The embedding and the LM head each take 4 bytes per weight and Width weights per token.
        var perToken = 2L * 4 * Width;
        var vocabulary = (int)Math.Clamp(2 + (bytes - PackedFileLayout.FileSize(small, "stand-in", Specs(small))) / perToken, 2, int.MaxValue / Width);
        var architecture = small with { VocabSize = vocabulary };
        var random = new Random(1);
        var tensors = Specs(architecture).Select(s =>
        {
            var values = new float[checked((int)(s.Rows * s.Columns))];
            for (var i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() - 0.5) * 0.1f;
            return new PackedModelWriter.TensorData(s, values);
        }).ToList();
        PackedModelWriter.Write(path, architecture, "stand-in", tensors);
        return path;
    }

    private static List<PackedFileLayout.TensorSpec> Specs(ArchitectureConfig architecture) =>
        SpikeGptTensors.Of(architecture).Select(t => new PackedFileLayout.TensorSpec(t.Name, t.Shape, QuantFormats.Fp32)).ToList();
}
