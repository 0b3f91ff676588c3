using QSLM.Data;
using QSLM.Errors;
using QSLM.Runtime.Inference;

namespace QSLM.Runtime.Evaluation;

/// <summary>Sentence-classification accuracy and each sentence's predicted class.</summary>
public sealed record RuntimeSst2Result(double Accuracy, int Correct, int Total, IReadOnlyList<int> Predictions);

/// <summary>SST-2 accuracy of a packed classifier: each sentence from a fresh state, class = arg max.</summary>
public static class RuntimeSst2
{
    /// <summary>Classifies every example.</summary>
    public static RuntimeSst2Result Evaluate(SpikeGptRuntime runtime, IReadOnlyList<Sst2Example> examples, Action<long, long>? progress = null)
    {
        if (examples.Count == 0) throw new InputException("no sentences to classify");
        if (runtime.ClassCount == 0) throw new InputException("this model has no classification head; SST-2 needs the classifier");
        var predictions = new int[examples.Count];
        var correct = 0;
        for (var i = 0; i < examples.Count; i++)
        {
            var logits = runtime.Classify(examples[i].Tokens.Select(t => checked((int)t)).ToArray());
            var best = 0;
            for (var k = 1; k < logits.Length; k++) if (logits[k] > logits[best]) best = k;
            predictions[i] = best;
            if (best == examples[i].Label) correct++;
            if ((i + 1) % 50 == 0) progress?.Invoke(i + 1, examples.Count);
        }
        return new RuntimeSst2Result((double)correct / examples.Count, correct, examples.Count, predictions);
    }
}
