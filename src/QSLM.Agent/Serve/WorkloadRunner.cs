using System.Diagnostics;
using QSLM.Agent.Diagnostics;
using QSLM.Agent.Sampling;
using QSLM.Agent.Sensors;
using QSLM.Protocol;
using QSLM.Protocol.Messages;
using QSLM.Runtime.Inference;
using QSLM.Runtime.Kernels;

namespace QSLM.Agent.Serve;

/// <summary>
/// Runs a <see cref="RunWorkload"/> on a verified model: untimed warm-up, then each timed repeat
/// between a start and a stop mark that the host must acknowledge, so timing begins only once the
/// host's sensors are recording and the host closes its window only after timing has ended. Between
/// the marks the agent samples the sensors the request names on its own clock and streams their samples
/// before the stop mark; the sensors are all opened before any work, so one it cannot open refuses the run.
/// </summary>
internal sealed class WorkloadRunner(ModelStore store, OnboardSensors board, WorkMeter work, Func<Mark, Task> markAndWait, Func<Message, Task> send, CancellationToken hostGone)
{
    public const int MaxRepeats = 1000;

    /// <summary>Longest minimum window or warm-up a request may ask for: an hour.</summary>
    public const double MaxSeconds = 3600;

    public async Task<RunResult> RunAsync(RunWorkload request)
    {
        if (request.Tokens < 1 || request.Warmup < 0 || request.Repeats < 1 || request.Repeats > MaxRepeats || request.Threads < 0)
            throw new ProtocolException(ErrorCodes.BadRequest, FormattableString.Invariant($"a run needs tokens >= 1, warmup >= 0, 1 to {MaxRepeats} repeats and threads >= 0"));
        if (!(request.MinSeconds is >= 0 and <= MaxSeconds) || !(request.WarmupSeconds is >= 0 and <= MaxSeconds))
            throw new ProtocolException(ErrorCodes.BadRequest, FormattableString.Invariant($"a run's minimum seconds and warm-up seconds must be 0 to {MaxSeconds}"));
        store.Verify(request.Sha256);
        using var sensors = WindowSensors.Open(board, request.Sensors);
        // The peak reported afterwards is this request's, not that of an earlier model this agent served.
        ProcessMemory.ResetPeak();
        var before = SystemMemory.AvailableBytes();
        var options = new RuntimeOptions(KernelPaths.Best, request.Threads == 0 ? Environment.ProcessorCount : request.Threads);
        using var runtime = store.Open(request.Sha256, path => SpikeGptRuntime.Open(path, options));
        work.Attach(() => runtime.Counts, request.Sha256);
        try
        {
            return await RunAsync(request, runtime, sensors, options, before).ConfigureAwait(false);
        }
        finally
        {
            work.Detach();
        }
    }

    private async Task<RunResult> RunAsync(RunWorkload request, SpikeGptRuntime runtime, WindowSensors sensors, RuntimeOptions options, long? before)
    {
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
        var warm = Stopwatch.StartNew();
        for (var i = 0; i < request.Warmup || warm.Elapsed.TotalSeconds < request.WarmupSeconds; i++) Token();
        runtime.ResetCounts();
        var seconds = new double[request.Repeats];
        var windows = new RunWindow[request.Repeats];
        for (var r = 0; r < request.Repeats; r++)
        {
            await markAndWait(new Mark(MarkPhase.Start, r, AgentClock.Seconds)).ConfigureAwait(false);
            // The window opens before its first sample and closes after its last token.
            var start = AgentClock.Seconds;
            var sampling = WindowSampling.Start(r, sensors, board.Thermal(timed: true), send);
            var cpu = WorkMeter.CpuSeconds;
            var clock = Stopwatch.StartNew();
            long tokens = 0;
            try
            {
                // The clock is checked each token, so a window lasts its minimum give or take one token.
                while (tokens < request.Tokens || clock.Elapsed.TotalSeconds < request.MinSeconds)
                {
                    Token();
                    tokens++;
                }
            }
            catch
            {
                sampling.Abandon();
                throw;
            }
            seconds[r] = clock.Elapsed.TotalSeconds;
            var stop = AgentClock.Seconds;
            var cpuSeconds = WorkMeter.CpuSeconds - cpu;
            var thermal = await sampling.StopAsync(stop).ConfigureAwait(false);
            windows[r] = new RunWindow(r, start, stop, tokens, cpuSeconds, thermal);
            await markAndWait(new Mark(MarkPhase.Stop, r, stop)).ConfigureAwait(false);
        }
        var c = runtime.Counts;
        return new RunResult(
            request.Sha256, request.Tokens, request.Warmup, seconds,
            c.MultiplyAccumulates, c.Accumulates, c.EmbeddingSpikeRate,
            Enumerable.Range(0, c.Spikes.Length).Select(c.SpikeRate).ToArray(),
            ProcessMemory.PeakResidentBytes(), before, SystemMemory.AvailableBytes(),
            options.Path.ToString(), options.Threads, windows, c.IntegerMultiplyAccumulates, c.IntegerGroupScalings);
    }
}
