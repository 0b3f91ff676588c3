using QSLM.Data;
using QSLM.Errors;

namespace QSLM.Harness.Search;

/// <summary>
/// What a host search of the bundled (or given) models is scored on — the task, the models, the
/// SST-2 dev sentences or WikiText-2 test tokens for candidates and the smaller slice for
/// sensitivity measurements — and their hashes. Cheap to build: no model is loaded until
/// <see cref="OpenEvaluators"/>.
/// </summary>
public sealed class HostSearchInputs
{
    private HostSearchInputs(bool isSst2, string lmPath, string sst2Path, Vocabulary vocabulary, IReadOnlyList<Sst2Example> dev, long[] test, int sensitivitySentences, int sensitivityTokens)
    {
        (IsSst2, LmPath, Sst2Path, Vocabulary, Dev, Test, SensitivitySentences, SensitivityTokens) = (isSst2, lmPath, sst2Path, vocabulary, dev, test, sensitivitySentences, sensitivityTokens);
        StartToken = vocabulary.IdOrUnknown(Vocabulary.EndOfSentence);
        var models = isSst2 ? new[] { sst2Path, lmPath } : [lmPath];
        ModelSha256 = models.Distinct().ToDictionary(p => Path.GetFileName(p), SearchManifest.Sha256);
        var data = isSst2 ? Path.Combine(RepositoryPaths.Sst2, "dev.tsv") : Path.Combine(RepositoryPaths.WikiText, "test.txt");
        DataSha256 = new Dictionary<string, string> { [isSst2 ? "sst2/dev.tsv" : "wikitext-2/test.txt"] = SearchManifest.Sha256(data) };
    }

    public bool IsSst2 { get; }

    public string Task => IsSst2 ? "sst2" : "lm";

    public string LmPath { get; }

    public string Sst2Path { get; }

    public Vocabulary Vocabulary { get; }

    /// <summary>The SST-2 dev sentences candidates are scored on.</summary>
    public IReadOnlyList<Sst2Example> Dev { get; }

    /// <summary>The WikiText-2 test tokens candidates are scored on (--task lm), or the chosen candidate's perplexity is reported on (--task sst2).</summary>
    public long[] Test { get; }

    public long StartToken { get; }

    public int SensitivitySentences { get; }

    public int SensitivityTokens { get; }

    public IReadOnlyDictionary<string, string> ModelSha256 { get; }

    public IReadOnlyDictionary<string, string> DataSha256 { get; }

    /// <summary>What candidates and sensitivity measurements are scored on, in words.</summary>
    public string Evaluation => IsSst2
        ? $"SST-2 dev, first {Dev.Count} sentences (sensitivity: first {SensitivitySentences})"
        : $"WikiText-2 test, first {Test.Length} tokens (sensitivity: first {SensitivityTokens})";

    /// <summary>Loads the data of a search.</summary>
    /// <exception cref="InputException">A count is not positive, or a file is missing.</exception>
    public static HostSearchInputs Load(bool isSst2, string lmPath, string sst2Path, int sentences, int tokens, int sensitivitySentences, int sensitivityTokens)
    {
        var sensitivitySentenceCount = Math.Min(sensitivitySentences, sentences);
        var sensitivityTokenCount = Math.Min(sensitivityTokens, tokens);
        if (sentences < 1 || tokens < 1 || sensitivitySentenceCount < 1 || sensitivityTokenCount < 1)
            throw new InputException("--sst2-sentences, --lm-tokens, --sensitivity-sentences and --sensitivity-tokens must be positive");
        var vocabulary = Vocabulary.FromWikiText(RepositoryPaths.WikiText);
        var dev = Sst2Dataset.Load(Path.Combine(RepositoryPaths.Sst2, "dev.tsv"), vocabulary).Take(sentences).ToList();
        var test = WikiTextCorpus.Encode(RepositoryPaths.WikiText, "test", vocabulary);
        test = test[..Math.Min(tokens, test.Length)];
        return new HostSearchInputs(isSst2, lmPath, sst2Path, vocabulary, dev, test, sensitivitySentenceCount, sensitivityTokenCount);
    }

    /// <summary>Loads the searched model and its evaluators, each behind the evaluation cache in <paramref name="cacheFolder"/>.</summary>
    public HostEvaluators OpenEvaluators(string cacheFolder, Microsoft.Extensions.Logging.ILogger logger) => HostEvaluators.Open(this, cacheFolder, logger);
}
