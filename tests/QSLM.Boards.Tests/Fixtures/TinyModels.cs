using QSLM.Runtime.Tests;

namespace QSLM.Boards.Tests.Fixtures;

/// <summary>Small packed models for the boards to store and run.</summary>
internal static class TinyModels
{
    /// <summary>About 1.2 MB: large enough to take many 64 KiB chunks, quick to run.</summary>
    public static string Write(string path, int seed = 3) => TinySpikeGpt.Write(path, layers: 2, width: 96, vocab: 1200, seed: seed);

    /// <summary>Bytes that hash fine but are no packed model: the runtime must refuse them.</summary>
    public static string WriteGarbage(string path)
    {
        var bytes = new byte[200_000];
        new Random(5).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
