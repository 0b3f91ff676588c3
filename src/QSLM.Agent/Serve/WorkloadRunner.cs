using System.Diagnostics;
using QSLM.Agent.Diagnostics;
using QSLM.Protocol;
using QSLM.Protocol.Messages;
using QSLM.Runtime.Inference;
using QSLM.Runtime.Kernels;

namespace QSLM.Agent.Serve;

/// <summary>
/// Runs a <see cref="RunWorkload"/> on a verified model: untimed warm-up, then each timed repeat
/// between a start and a stop mark that the host must acknowledge, so timing begins only once the
/// host's sensors are recording and the host closes its window only after timing has ended.
/// </summary>
internal sealed class WorkloadRunner(ModelStore store, Func<Mark, Task> markAndWait, CancellationToken hostGone)
{
    public const int MaxRepeats = 1000;

    public async Task<RunResult> RunAsync(RunWorkload request)
    {
        if (request.Tokens < 1 || request.Warmup < 0 || request.Repeats < 1 || request.Repeats > MaxRepeats || request.Threads < 0)
            throw new ProtocolException(ErrorCodes.BadRequest, FormattableString.Invariant($"a run needs tokens >= 1, warmup >= 0, 1 to {MaxRepeats} repeats and threads >= 0"));
        store.Verify(request.Sha256);
        // The peak reported afterwards is this request's, not that of an earlier model this agent served.
        ProcessMemory.ResetPeak();
        var before = SystemMemory.AvailableBytes();
        var options = new RuntimeOptions(KernelPaths.Best, request.Threads == 0 ? Environment.ProcessorCount : request.Threads);
        using var runtime = store.Open(request.Sha256, path => SpikeGptRuntime.Open(path, options));
        var random = new Random(request.Seed);
        var state = runtime.NewState();
        var features = new float[runtime.Width];
        var logits = new float[runtime.HasLmHead ? runtime.VocabSize : 0];
        void Token()
        {
            // Checked per token: a run whose host has gone stops instead of holding the board.
            hostGone.ThrowIfCancellationRequested();
            runtime.Step(random.Next(runtime.VocabSize), state, features);
            if (runtime.HasLmHead) runtime.Logits(features, logits);
        }
        for (var i = 0; i < request.Warmup; i++) Token();
        runtime.ResetCounts();
        var seconds = new double[request.Repeats];
        for (var r = 0; r < request.Repeats; r++)
        {
            await markAndWait(new Mark(MarkPhase.Start, r)).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < request.Tokens; i++) Token();
            seconds[r] = clock.Elapsed.TotalSeconds;
            await markAndWait(new Mark(MarkPhase.Stop, r)).ConfigureAwait(false);
        }
        var c = runtime.Counts;
        return new RunResult(
            request.Sha256, request.Tokens, request.Warmup, seconds,
            c.MultiplyAccumulates, c.Accumulates, c.EmbeddingSpikeRate,
            Enumerable.Range(0, c.Spikes.Length).Select(c.SpikeRate).ToArray(),
            ProcessMemory.PeakResidentBytes(), before, SystemMemory.AvailableBytes(),
            options.Path.ToString(), options.Threads);
    }
}
