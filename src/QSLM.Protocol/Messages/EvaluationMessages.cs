using System.Text.Json.Serialization;

namespace QSLM.Protocol.Messages;

/// <summary>
/// Host → agent: score a stored model on data the host sends (the board's own check of a candidate,
/// on the same sentences or tokens the host scored it on). The data travels as token ids, so the
/// agent needs no dataset files and names no path.
/// </summary>
/// <param name="Sha256">The model to score; refused unless stored complete and its bytes still hash to this.</param>
/// <param name="Task"><see cref="EvaluationTask.Sst2"/> (needs <paramref name="Sentences"/> and
/// <paramref name="Labels"/>) or <see cref="EvaluationTask.Perplexity"/> (needs <paramref name="Tokens"/>).</param>
/// <param name="Sentences">Token ids of each sentence to classify, each from a fresh state (empty for a perplexity).</param>
/// <param name="Labels">The class of each sentence.</param>
/// <param name="Tokens">(Empty for a classification.) A token stream whose perplexity is measured, predicted from <paramref name="StartToken"/> on.</param>
/// <param name="StartToken">The token fed before each stream's first.</param>
/// <param name="Streams">Equal segments the tokens are split into, each from a fresh state (as the host's evaluation splits them).</param>
/// <param name="Threads">Threads for the runtime; 0 means one per processor.</param>
public sealed record RunEvaluation(
    string Sha256,
    string Task,
    IReadOnlyList<int[]> Sentences,
    IReadOnlyList<int> Labels,
    int[] Tokens,
    int StartToken,
    int Streams,
    int Threads) : Message;

/// <summary>Values of <see cref="RunEvaluation.Task"/>.</summary>
public static class EvaluationTask
{
    /// <summary>Sentence classification accuracy (SST-2).</summary>
    public const string Sst2 = "sst2";

    /// <summary>Language-model perplexity (WikiText-2).</summary>
    public const string Perplexity = "perplexity";
}

/// <summary>Agent → host: what a <see cref="RunEvaluation"/> scored.</summary>
/// <param name="Sha256">The model that ran.</param>
/// <param name="Task">The evaluation's task.</param>
/// <param name="Metric">Accuracy (a fraction) or perplexity.</param>
/// <param name="Items">Sentences classified or tokens predicted.</param>
/// <param name="Predictions">Each sentence's predicted class (empty for a perplexity).</param>
/// <param name="Seconds">Wall time of the scoring on the board.</param>
/// <param name="PeakRssBytes"><c>VmHWM</c> of the agent afterwards (reset when the request began, where the kernel allows), when readable.</param>
public sealed record EvaluationResult(
    string Sha256,
    string Task,
    double Metric,
    int Items,
    IReadOnlyList<int> Predictions,
    double Seconds,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? PeakRssBytes) : Message;
