using QSLM.Data;
using QSLM.Errors;
using QSLM.Model;
using QSLM.Model.Checkpoints;

namespace QSLM.Harness.Search;

/// <summary>The models a search loads on the host.</summary>
public static class HostModels
{
    /// <summary>Loads the checkpoint at <paramref name="path"/> (its embedding from
    /// <paramref name="embeddingSource"/> when it has none) and checks it was trained on <paramref name="vocabulary"/>.</summary>
    /// <exception cref="InputException">Its vocabulary size is not the vocabulary's.</exception>
    public static SpikeGpt LoadForVocabulary(string path, string? embeddingSource, Vocabulary vocabulary)
    {
        var model = SpikeGptCheckpoint.Load(path, embeddingSource);
        if (model.Config.VocabSize != vocabulary.Count)
        {
            model.Dispose();
            throw new InputException($"{path}: vocabulary size {model.Config.VocabSize} does not match WikiText-2's {vocabulary.Count}");
        }
        return model;
    }
}
