using QSLM.Data;
using QSLM.Model.Checkpoints;
using QSLM.Model.Evaluation;
using TorchSharp;
using static TorchSharp.torch;

namespace QSLM.Model.Tests.Evaluation;

public class PerplexityEvaluatorTests
{
    [Fact]
    public void A_model_with_a_zero_head_has_perplexity_equal_to_the_vocabulary_size()
    {
        using var model = SpikeGptForwardTests.ActiveModel(dtype: ScalarType.Float32);
        using (no_grad()) model.state_dict()["head.weight"].zero_();
        var tokens = Enumerable.Range(0, 300).Select(i => (long)(i * 7 % 40)).ToArray();
        var result = PerplexityEvaluator.Evaluate(model, tokens, startToken: 0, streams: 4, chunk: 16);
        Assert.Equal(300, result.Tokens);
        Assert.Equal(40.0, result.Perplexity, 3);
    }

    [Fact]
    public void Chunk_size_does_not_change_the_result_because_state_is_carried()
    {
        using var model = SpikeGptForwardTests.ActiveModel(dtype: ScalarType.Float64);
        var tokens = Enumerable.Range(0, 211).Select(i => (long)(i * 13 % 40)).ToArray();
        var a = PerplexityEvaluator.Evaluate(model, tokens, 0, streams: 3, chunk: 7);
        var b = PerplexityEvaluator.Evaluate(model, tokens, 0, streams: 3, chunk: 64);
        Assert.Equal(a.MeanNll, b.MeanNll, 9);
    }

    [Fact]
    public void The_reference_lm_has_a_finite_plausible_perplexity_on_a_test_slice()
    {
        var vocabulary = Vocabulary.FromWikiText(RepositoryFiles.WikiText);
        using var model = SpikeGptCheckpoint.Load(RepositoryFiles.ReferenceLm);
        var test = WikiTextCorpus.Encode(RepositoryFiles.WikiText, "test", vocabulary)[..3000];
        var result = PerplexityEvaluator.Evaluate(model, test, vocabulary.IdOrUnknown(Vocabulary.EndOfSentence));
        Assert.True(double.IsFinite(result.Perplexity));
        // Far better than uniform (33,278) and than a unigram model (~1,000 on WikiText-2).
        Assert.InRange(result.Perplexity, 5, 600);
    }
}

public class Sst2EvaluatorTests
{
    [Fact]
    public void The_reference_classifier_beats_chance_on_a_dev_slice()
    {
        var vocabulary = Vocabulary.FromWikiText(RepositoryFiles.WikiText);
        using var model = SpikeGptCheckpoint.Load(RepositoryFiles.ReferenceSst2, RepositoryFiles.ReferenceLm);
        var dev = Sst2Dataset.Load(Path.Combine(RepositoryFiles.Sst2, "dev.tsv"), vocabulary).Take(200).ToList();
        var result = Sst2Evaluator.Evaluate(model, dev);
        Assert.Equal(200, result.Total);
        Assert.True(result.Accuracy > 0.7, $"accuracy {result.Accuracy:P1}");
    }

    [Fact]
    public void Predictions_do_not_depend_on_how_sentences_are_batched()
    {
        using var model = SpikeGptForwardTests.ActiveModel(dtype: ScalarType.Float64);
        using var classifier = new SpikeGpt(model.Config with { HasLmHead = false, ClassCount = 2 });
        classifier.to(ScalarType.Float64);
        var examples = Enumerable.Range(0, 30)
            .Select(i => new Sst2Example($"s{i}", Enumerable.Range(0, 1 + i % 5).Select(j => (long)((i + j) % 40)).ToArray(), i % 2))
            .ToList();
        var a = Sst2Evaluator.Evaluate(classifier, examples, batch: 1);
        var b = Sst2Evaluator.Evaluate(classifier, examples, batch: 64);
        Assert.Equal(a.Predictions, b.Predictions);
    }
}
