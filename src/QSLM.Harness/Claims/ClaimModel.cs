using QSLM.Format.Packed;

namespace QSLM.Harness.Claims;

/// <summary>One side of a claim: a packed file and what its manifest says.</summary>
/// <param name="Label"><c>baseline</c> or <c>candidate</c>.</param>
/// <param name="Path">The packed file.</param>
/// <param name="Sha256">Its SHA-256 (lower-case hex), as the board's agent stores it.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="VocabularyHash">The vocabulary it was packed for.</param>
/// <param name="HasLmHead">Whether it predicts tokens (checked by perplexity) rather than classifying (checked by SST-2 predictions).</param>
/// <param name="Description">Its formats in words.</param>
public sealed record ClaimModel(string Label, string Path, string Sha256, long Bytes, string VocabularyHash, bool HasLmHead, string Description)
{
    /// <summary>Reads <paramref name="path"/>'s manifest.</summary>
    /// <exception cref="QSLM.Errors.InputException">The file is missing or not a packed model.</exception>
    public static ClaimModel Read(string label, string path)
    {
        if (!File.Exists(path)) throw new QSLM.Errors.InputException($"{label} {path}: no such file");
        using var runtime = QSLM.Runtime.Inference.SpikeGptRuntime.Open(path);
        return new ClaimModel(label, System.IO.Path.GetFullPath(path), Search.SearchManifest.Sha256(path), new FileInfo(path).Length, runtime.Manifest.VocabularyHash,
            runtime.HasLmHead, Formats(runtime.Manifest));
    }

    private static string Formats(PackedManifest manifest) =>
        string.Join(", ", manifest.Tensors.GroupBy(t => t.Format).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} × {g.Count()}")) + " tensors";
}
