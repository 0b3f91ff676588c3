using System.Diagnostics;
using QSLM.Agent.Diagnostics;
using QSLM.Data;
using QSLM.Protocol;
using QSLM.Protocol.Messages;
using QSLM.Runtime.Evaluation;
using QSLM.Runtime.Inference;
using QSLM.Runtime.Kernels;

namespace QSLM.Agent.Serve;

/// <summary>
/// Scores a verified model on the token ids a <see cref="RunEvaluation"/> carries, with the same
/// runtime evaluations as <c>qslm-agent eval</c>: the board's own check that the deployed file gives
/// what the host's fake quantization predicted.
/// </summary>
internal sealed class EvaluationRunner(ModelStore store)
{
    public EvaluationResult Run(RunEvaluation request)
    {
        if (request.Threads < 0) throw new ProtocolException(ErrorCodes.BadRequest, "threads must be >= 0");
        store.Verify(request.Sha256);
        // The peak reported afterwards is this request's, not that of an earlier model this agent served.
        ProcessMemory.ResetPeak();
        var options = new RuntimeOptions(KernelPaths.Best, request.Threads == 0 ? Environment.ProcessorCount : request.Threads);
        using var runtime = store.Open(request.Sha256, path => SpikeGptRuntime.Open(path, options));
        var clock = Stopwatch.StartNew();
        return request.Task switch
        {
            EvaluationTask.Sst2 => Classify(request, runtime, clock),
            EvaluationTask.Perplexity => Perplexity(request, runtime, clock),
            _ => throw new ProtocolException(ErrorCodes.BadRequest, $"unknown evaluation task '{request.Task}' (known: {EvaluationTask.Sst2}, {EvaluationTask.Perplexity})"),
        };
    }

    private static EvaluationResult Classify(RunEvaluation request, SpikeGptRuntime runtime, Stopwatch clock)
    {
        var sentences = request.Sentences;
        var labels = request.Labels;
        if (sentences.Count == 0 || sentences.Count != labels.Count || sentences.Any(s => s.Length == 0))
            throw new ProtocolException(ErrorCodes.BadRequest, "a classification needs at least one non-empty sentence and one label per sentence");
        CheckTokens(sentences.SelectMany(s => s), runtime);
        var examples = sentences.Select((s, i) => new Sst2Example("", s.Select(t => (long)t).ToArray(), labels[i])).ToList();
        var result = RuntimeSst2.Evaluate(runtime, examples);
        return new EvaluationResult(request.Sha256, request.Task, result.Accuracy, result.Total, result.Predictions, clock.Elapsed.TotalSeconds, ProcessMemory.PeakResidentBytes());
    }

    private static EvaluationResult Perplexity(RunEvaluation request, SpikeGptRuntime runtime, Stopwatch clock)
    {
        var tokens = request.Tokens;
        if (tokens.Length == 0) throw new ProtocolException(ErrorCodes.BadRequest, "a perplexity needs at least one token");
        CheckTokens(tokens.Append(request.StartToken), runtime);
        if (request.Streams < 1) throw new ProtocolException(ErrorCodes.BadRequest, "streams must be >= 1");
        var result = RuntimePerplexity.Evaluate(runtime, tokens, request.StartToken, request.Streams);
        return new EvaluationResult(request.Sha256, request.Task, result.Perplexity, checked((int)result.Tokens), [], clock.Elapsed.TotalSeconds, ProcessMemory.PeakResidentBytes());
    }

    // A token id outside the vocabulary is the host's mistake, not the model's: refuse it before running.
    private static void CheckTokens(IEnumerable<int> tokens, SpikeGptRuntime runtime)
    {
        if (tokens.Any(t => t < 0 || t >= runtime.VocabSize))
            throw new ProtocolException(ErrorCodes.BadRequest, FormattableString.Invariant($"token ids must be in 0..{runtime.VocabSize - 1}"));
    }
}
