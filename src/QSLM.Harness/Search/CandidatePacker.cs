using QSLM.Model;
using QSLM.Model.Quantization;
using QSLM.Search.Hierarchy;

namespace QSLM.Harness.Search;

/// <summary>Packs candidates into the file a board gets, with the same codecs the host evaluated them with, from an
/// untouched copy of the model (owned, released on dispose).</summary>
/// <param name="model">The model to pack from.</param>
/// <param name="vocabularyHash">The vocabulary's hash for the packed manifest.</param>
public sealed class CandidatePacker(SpikeGpt model, string vocabularyHash) : IDisposable
{
    /// <summary>Packs the model at <paramref name="precisions"/> to <paramref name="path"/>.</summary>
    /// <returns><paramref name="path"/>.</returns>
    public string Pack(Precisions precisions, string path)
    {
        ModelPacker.Pack(model, precisions.ToAssignment(), vocabularyHash, path);
        return path;
    }

    /// <inheritdoc />
    public void Dispose() => model.Dispose();
}
