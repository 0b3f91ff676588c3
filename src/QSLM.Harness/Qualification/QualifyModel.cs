using QSLM.Errors;
using QSLM.Format.Packed;
using QSLM.Harness.Search;
using QSLM.Runtime.Inference;

namespace QSLM.Harness.Qualification;

/// <summary>A packed model to qualify: its label in the checks (its file name), its file, hash and size, and its task
/// (a classifier head: SST-2; else the LM's perplexity).</summary>
/// <param name="Label">Its label (the file name).</param>
/// <param name="Path">The packed file.</param>
/// <param name="Sha256">Its SHA-256.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="IsSst2">Whether it classifies SST-2 (else it is scored by perplexity).</param>
/// <param name="Description">Its architecture in words.</param>
public sealed record QualifyModel(string Label, string Path, string Sha256, long Bytes, bool IsSst2, string Description)
{
    /// <summary>Reads <paramref name="path"/>'s manifest and checks it was packed for the vocabulary of the host's data.</summary>
    /// <exception cref="InputException">The file is missing, not a valid packed model, or packed for another vocabulary.</exception>
    public static QualifyModel Load(string path, string vocabularyHash)
    {
        if (!File.Exists(path)) throw new InputException($"model file {path} does not exist");
        try
        {
            using var runtime = SpikeGptRuntime.Open(path);
            var packedFor = runtime.Manifest.VocabularyHash;
            if (!string.Equals(packedFor, vocabularyHash, StringComparison.OrdinalIgnoreCase))
                throw new InputException($"{path} was packed for vocabulary {Short(packedFor)}, but the host's data uses vocabulary {Short(vocabularyHash)}: its token ids would mean other words");
            var isSst2 = runtime.ClassCount > 0;
            if (!isSst2 && !runtime.HasLmHead) throw new InputException($"{path} has neither a classifier nor an LM head: there is nothing to compare with the host");
            var description = FormattableString.Invariant($"{runtime.Layers} layers, width {runtime.Width}, vocabulary {runtime.VocabSize}, {(isSst2 ? $"SST-2 classifier ({runtime.ClassCount} classes)" : "language model")}");
            return new QualifyModel(System.IO.Path.GetFileName(path), System.IO.Path.GetFullPath(path), SearchManifest.Sha256(path), new FileInfo(path).Length, isSst2, description);
        }
        catch (PackedFileException e)
        {
            throw new InputException($"{path} is not a valid packed model: {e.Message}", e);
        }
    }

    private static string Short(string hash) => hash[..Math.Min(12, hash.Length)];
}
