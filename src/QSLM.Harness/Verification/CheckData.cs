using QSLM.Data;
using QSLM.Model.Evaluation;
using QSLM.Protocol.Messages;
using QSLM.Runtime.Evaluation;
using QSLM.Runtime.Inference;

namespace QSLM.Harness.Verification;

/// <summary>
/// The data a board and the host score a packed model on when a claim or a qualification checks that the board gives
/// the host's answers: the first SST-2 dev sentences for a classifier, the first WikiText-2 test tokens for a language
/// model, encoded with the repository's vocabulary. The host's answer comes from QSLM.Runtime on the very packed file
/// the board gets, so a difference is the board's, not the packing's.
/// </summary>
public sealed class CheckData
{
    private CheckData(Vocabulary vocabulary, IReadOnlyList<Sst2Example> dev, long[] test)
    {
        Vocabulary = vocabulary;
        Dev = dev;
        Test = test;
        StartToken = vocabulary.IdOrUnknown(Vocabulary.EndOfSentence);
    }

    /// <summary>The vocabulary the data is encoded with.</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>The SST-2 dev sentences.</summary>
    public IReadOnlyList<Sst2Example> Dev { get; }

    /// <summary>The WikiText-2 test tokens.</summary>
    public long[] Test { get; }

    /// <summary>The token that starts each perplexity stream.</summary>
    public long StartToken { get; }

    /// <summary>What a model of this task is scored on, in words.</summary>
    public string Describe(bool isSst2) => isSst2
        ? FormattableString.Invariant($"SST-2 dev, first {Dev.Count} sentences")
        : FormattableString.Invariant($"WikiText-2 test, first {Test.Length} tokens, {PerplexityEvaluator.DefaultStreams} streams");

    /// <summary>Loads the first <paramref name="sentences"/> SST-2 dev sentences and <paramref name="tokens"/> WikiText-2 test tokens.</summary>
    public static CheckData Load(int sentences, int tokens)
    {
        var vocabulary = Vocabulary.FromWikiText(RepositoryPaths.WikiText);
        var dev = Sst2Dataset.Load(Path.Combine(RepositoryPaths.Sst2, "dev.tsv"), vocabulary).Take(sentences).ToList();
        var test = WikiTextCorpus.Encode(RepositoryPaths.WikiText, "test", vocabulary);
        return new CheckData(vocabulary, dev, test[..Math.Min(tokens, test.Length)]);
    }

    /// <summary>The request that has a board score a classifier (<paramref name="isSst2"/>) or a language model on this data.</summary>
    public RunEvaluation Request(bool isSst2) => isSst2
        ? new RunEvaluation("", EvaluationTask.Sst2, [.. Dev.Select(e => e.Tokens.Select(t => checked((int)t)).ToArray())], [.. Dev.Select(e => e.Label)], [], 0, 1, 0)
        : new RunEvaluation("", EvaluationTask.Perplexity, [], [], [.. Test.Select(t => checked((int)t))], checked((int)StartToken), PerplexityEvaluator.DefaultStreams, 0);

    /// <summary>The host's answer for the packed model at <paramref name="packedPath"/>: its metric and, for SST-2, each sentence's prediction.</summary>
    public HostAnswer Answer(string packedPath, bool isSst2)
    {
        using var runtime = SpikeGptRuntime.Open(packedPath);
        if (isSst2)
        {
            var result = RuntimeSst2.Evaluate(runtime, Dev);
            return new HostAnswer(result.Accuracy, result.Predictions);
        }
        var perplexity = RuntimePerplexity.Evaluate(runtime, [.. Test.Select(t => checked((int)t))], checked((int)StartToken), PerplexityEvaluator.DefaultStreams);
        return new HostAnswer(perplexity.Perplexity, []);
    }
}

/// <summary>What the host's runtime gives for a packed model on the check data.</summary>
/// <param name="Metric">Accuracy (a fraction) or perplexity.</param>
/// <param name="Predictions">Each sentence's predicted class (empty for a perplexity).</param>
public sealed record HostAnswer(double Metric, IReadOnlyList<int> Predictions);
