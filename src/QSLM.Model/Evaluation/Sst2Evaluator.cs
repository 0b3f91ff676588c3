using QSLM.Data;
using static TorchSharp.torch;

namespace QSLM.Model.Evaluation;

/// <summary>Result of an SST-2 evaluation.</summary>
/// <param name="Accuracy">Fraction of sentences classified correctly.</param>
/// <param name="Correct">Sentences classified correctly.</param>
/// <param name="Total">Sentences evaluated.</param>
/// <param name="Predictions">Predicted label per sentence, in input order.</param>
public sealed record Sst2Result(double Accuracy, int Correct, int Total, IReadOnlyList<int> Predictions);

/// <summary>SST-2 accuracy of a classifier, sentences of equal length batched together (no padding,
/// so a recurrent model sees exactly each sentence).</summary>
public static class Sst2Evaluator
{
    /// <summary>Predicts every example of <paramref name="examples"/>; <paramref name="progress"/> hears
    /// the sentences done and the total after each batch.</summary>
    public static Sst2Result Evaluate(SpikeGpt model, IReadOnlyList<Sst2Example> examples, int batch = 64, Action<long, long>? progress = null)
    {
        if (examples.Count == 0) throw new ArgumentException("no sentences to evaluate");
        model.eval();
        using var _ = no_grad();
        var predictions = new int[examples.Count];
        var done = 0L;
        foreach (var group in LengthBatches.Of(examples.Select((e, i) => (e.Tokens, Index: i)).ToList(), batch))
        {
            using var scope = NewDisposeScope();
            var ids = tensor(group.SelectMany(g => g.Tokens).ToArray()).reshape(group.Count, group[0].Tokens.Length);
            var (features, _) = model.Forward(ids);
            var predicted = model.ClassLogits(features).argmax(-1).data<long>().ToArray();
            for (var i = 0; i < group.Count; i++) predictions[group[i].Index] = (int)predicted[i];
            done += group.Count;
            progress?.Invoke(done, examples.Count);
        }
        var correct = examples.Where((e, i) => predictions[i] == e.Label).Count();
        return new Sst2Result((double)correct / examples.Count, correct, examples.Count, predictions);
    }
}

/// <summary>Groups sequences of equal length into batches.</summary>
public static class LengthBatches
{
    /// <summary>Batches of at most <paramref name="size"/> items, each of one length, in a stable order.</summary>
    public static IEnumerable<List<(long[] Tokens, int Index)>> Of(IReadOnlyList<(long[] Tokens, int Index)> items, int size) =>
        items.GroupBy(i => i.Tokens.Length)
            .OrderBy(g => g.Key)
            .SelectMany(g => g.Chunk(size).Select(c => c.ToList()));
}
