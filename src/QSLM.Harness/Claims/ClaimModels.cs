using QSLM.Data;
using QSLM.Errors;
using QSLM.Format.Formats;
using QSLM.Model.Quantization;
using QSLM.Search.Hierarchy;
using QSLM.Search.Results;
using QSLM.Harness.Search;

namespace QSLM.Harness.Claims;

/// <summary>
/// The two files a claim compares: the candidate (a packed file, or a search's answer: its <c>chosen.qslm</c>, else its
/// manifest's chosen candidate packed again from the search log's precisions) and the baseline (a packed file, or the
/// host model packed at fp32 for the host's vocabulary). Both must be packed for the same vocabulary: a model that
/// reads other token ids does not do the same work.
/// </summary>
public static class ClaimModels
{
    /// <summary>The candidate's file name in a search's run folder.</summary>
    public const string ChosenFile = "chosen.qslm";

    /// <summary>Resolves and checks both sides, packing what needs packing into <paramref name="folder"/>.</summary>
    /// <exception cref="InputException">A missing or damaged file, a search folder without an answer, or two vocabularies.</exception>
    public static (ClaimModel Baseline, ClaimModel Candidate) Resolve(ClaimRequest request, string folder)
    {
        var candidate = request.Candidate is { } path ? ClaimModel.Read("candidate", path) : FromSearch(request.FromSearch!, request.ModelPath, folder);
        if (request.Baseline != ClaimRequest.Fp32)
        {
            var baseline = ClaimModel.Read("baseline", request.Baseline);
            SameVocabulary(baseline, candidate);
            return (baseline, candidate);
        }
        var vocabulary = Vocabulary.FromWikiText(RepositoryPaths.WikiText);
        var hash = vocabulary.Hash();
        if (candidate.VocabularyHash != hash)
            throw new InputException($"the candidate {candidate.Path} was packed for vocabulary {Short(candidate.VocabularyHash)}, but the fp32 baseline is packed for the host's {Short(hash)}: a claim compares models that read the same tokens");
        var (checkpoint, embedding) = HostModel(request.ModelPath, candidate.HasLmHead);
        using var model = HostModels.LoadForVocabulary(checkpoint, embedding, vocabulary);
        var packed = Path.Combine(folder, "baseline-fp32.qslm");
        Directory.CreateDirectory(folder);
        ModelPacker.Pack(model, PrecisionAssignment.Parse("*=fp32"), hash, packed);
        return (ClaimModel.Read("baseline", packed), candidate);
    }

    private static void SameVocabulary(ClaimModel baseline, ClaimModel candidate)
    {
        if (baseline.VocabularyHash != candidate.VocabularyHash)
            throw new InputException($"the candidate {candidate.Path} was packed for vocabulary {Short(candidate.VocabularyHash)} and the baseline {baseline.Path} for {Short(baseline.VocabularyHash)}: a claim compares models that read the same tokens");
    }

    // The bundled model of the candidate's kind: the language model, or the SST-2 classifier with the LM's embedding.
    private static (string Checkpoint, string? Embedding) HostModel(string? given, bool languageModel) =>
        given is not null ? (Existing(given), languageModel ? null : RepositoryPaths.ReferenceLm)
        : languageModel ? (RepositoryPaths.ReferenceLm, null) : (RepositoryPaths.ReferenceSst2, RepositoryPaths.ReferenceLm);

    private static string Existing(string path) => File.Exists(path) ? path : throw new InputException($"--model {path}: no such file");

    private static ClaimModel FromSearch(string searchFolder, string? modelPath, string folder)
    {
        if (!Directory.Exists(searchFolder)) throw new InputException($"--from-search {searchFolder}: no such folder");
        var chosen = Path.Combine(searchFolder, ChosenFile);
        if (File.Exists(chosen)) return ClaimModel.Read("candidate", chosen);
        var manifest = SearchManifest.TryRead(Path.Combine(searchFolder, SearchFolder.ManifestFile))
            ?? throw new InputException($"--from-search {searchFolder}: neither {ChosenFile} nor a readable {SearchFolder.ManifestFile}");
        if (manifest.Chosen is not { } id) throw new InputException($"--from-search {searchFolder}: the search has not ended (its manifest names no chosen candidate)");
        var logPath = Path.Combine(searchFolder, SearchFolder.LogFile);
        if (!File.Exists(logPath)) throw new InputException($"--from-search {searchFolder}: no {SearchFolder.LogFile} to read candidate {id}'s precisions from");
        string precisions;
        using (var log = ResultsLog.Open(logPath))
            precisions = log.Rows.FirstOrDefault(r => r.Candidate == id)?.Precisions ?? throw new InputException($"--from-search {searchFolder}: candidate {id} is not in {SearchFolder.LogFile}");
        var languageModel = manifest.Task != "sst2";
        var (checkpoint, embedding) = HostModel(modelPath, languageModel);
        var vocabulary = Vocabulary.FromWikiText(RepositoryPaths.WikiText);
        var name = Path.GetFileName(checkpoint);
        if (manifest.ModelSha256.TryGetValue(name, out var expected) && expected != SearchManifest.Sha256(checkpoint))
            throw new InputException($"--from-search {searchFolder}: the search scored a different {name} than {checkpoint}; give the search's checkpoint with --model");
        using var model = HostModels.LoadForVocabulary(checkpoint, embedding, vocabulary);
        var hierarchy = ModelHierarchy.FromTensors(model.state_dict().Select(kv => (kv.Key, kv.Value.shape)));
        Precisions parsed;
        try
        {
            parsed = Precisions.Parse(hierarchy, precisions);
        }
        catch (FormatException e)
        {
            throw new InputException($"--from-search {searchFolder}: candidate {id}'s precisions '{precisions}': {e.Message}", e);
        }
        Directory.CreateDirectory(folder);
        var packed = Path.Combine(folder, $"candidate-{id}.qslm");
        ModelPacker.Pack(model, parsed.ToAssignment(), vocabulary.Hash(), packed);
        return ClaimModel.Read("candidate", packed);
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash;
}
