using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.CircuitBreaker;
using QSLM.Boards.Failures;
using QSLM.Boards.Health;
using QSLM.Boards.Resilience;
using QSLM.Boards.Settings;
using QSLM.Boards.Transports;
using QSLM.Protocol;
using QSLM.Protocol.Messages;

namespace QSLM.Boards.Sessions;

/// <summary>
/// The host's conversation with one board over any transport: hello → put-model → run (with
/// acknowledged marks) → results → bye. Every operation runs under the board's Polly pipelines
/// (retry for transient infrastructure failures, the shared circuit breaker, a timeout per phase); a
/// retry reconnects and restarts the agent as needed and resumes an upload where the agent's copy
/// ends. Every failure is classified and kept in <see cref="Failures"/>. One operation at a time:
/// a session is one conversation with one agent.
/// </summary>
public sealed class BoardSession : IAsyncDisposable
{
    private readonly IBoardTransport _transport;
    private readonly BoardPipelines _pipelines;
    private readonly BoardStateMachine _states = new();
    private readonly List<IDisposable> _leases = [];
    private readonly List<BoardFailureException> _failures = [];
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private IAgentChannel? _channel;
    private BoardPhase _phase;
    private int _clockSequence;

    /// <summary>A session with <paramref name="name"/> reached through <paramref name="transport"/>.</summary>
    /// <param name="name">The board's name, the first word of every line logged.</param>
    /// <param name="transport">How the board is reached.</param>
    /// <param name="options">Retry, breaker and timeouts.</param>
    /// <param name="time">The clock of the retries and timeouts.</param>
    /// <param name="log">Bring-up (information), failures (warning) and what a closing session lost
    /// nothing by (debug). Nothing logged ever holds a key, a passphrase or a password; host key
    /// fingerprints (public) may appear.</param>
    public BoardSession(string name, IBoardTransport transport, BoardResilienceOptions? options = null, TimeProvider? time = null, ILogger? log = null)
    {
        Name = name;
        _transport = transport;
        _log = log ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _pipelines = new BoardPipelines(options ?? new BoardResilienceOptions(), _time);
        _pipelines.HealthChanged += h => _log.LogInformation("{Board}: health {Health}", Name, h);
    }

    /// <summary>The board's name.</summary>
    public string Name { get; }

    /// <summary>What the transport reaches, for reports (never a secret).</summary>
    public string Description => _transport.Description;

    /// <summary>Where the board is in its bring-up.</summary>
    public BoardState State => _states.State;

    /// <summary>The bring-up states entered so far.</summary>
    public IReadOnlyList<BoardState> StateHistory => _states.History;

    /// <summary>The board's health as its circuit breaker sees it.</summary>
    public BoardHealth Health => _pipelines.Health;

    /// <summary>What the agent said in its last hello.</summary>
    public HelloReply? Agent { get; private set; }

    /// <summary>Every failure met, retried ones included, in order.</summary>
    public IReadOnlyList<BoardFailureException> Failures => _failures;

    /// <summary>Where the time of the last put-model that got the agent's answer went (null before the first).</summary>
    public UploadTimings? LastUpload { get; private set; }

    /// <summary>What the last <see cref="ApplySettingsAsync"/> read back, mismatched or not (null before the first).</summary>
    public AppliedSettings? LastSettings { get; private set; }

    /// <summary>Raw model bytes per put-model chunk when the transport has no bulk uploader.</summary>
    public int ChunkBytes { get; init; } = ProtocolLimits.DefaultChunkBytes;

    /// <summary>The host's monotonic clock in seconds (the session's time provider; the system's is Stopwatch based, the
    /// clock host-side sensors stamp their readings with), the clock of <see cref="ClockReading"/>.</summary>
    public double HostSeconds => _time.GetTimestamp() / (double)_time.TimestampFrequency;

    /// <summary>Brings the board up to agent ready and returns the agent's hello.</summary>
    public async Task<HelloReply> ConnectAsync(CancellationToken cancellationToken = default) =>
        await ExecuteAsync(BoardPhase.StartAgent, (_, _) => Task.FromResult(Agent!), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Puts the model at <paramref name="modelPath"/> on the board under its SHA-256, skipping it when
    /// the agent already holds it and resuming a partial copy. <paramref name="progress"/> receives the
    /// bytes the board holds after each chunk.
    /// </summary>
    public async Task<ModelStatus> PutModelAsync(string modelPath, Action<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var model = await LocalModel.ReadAsync(modelPath, cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(BoardPhase.Upload, (channel, token) => UploadAsync(channel, model, progress, token), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Puts the model on the board if needed, then runs <paramref name="settings"/> on it. Before each
    /// timed repeat starts and after it stops the agent waits until <paramref name="onMark"/> has returned
    /// and the host has acknowledged, so sensor windows line up with the work. A failed attempt's marks
    /// are followed by a retry's fresh ones.
    /// </summary>
    public async Task<RunResult> RunAsync(string modelPath, RunSettings settings, Func<Mark, CancellationToken, Task>? onMark = null, CancellationToken cancellationToken = default) =>
        (await RunSampledAsync(modelPath, settings, onMark, cancellationToken).ConfigureAwait(false)).Result;

    /// <summary>
    /// As <see cref="RunAsync"/>, and returns every sample the agent took of <see cref="RunSettings.Sensors"/> between the
    /// marks (streamed before each stop mark). A sensor the agent cannot open refuses the run before any work, naming it
    /// (an infrastructure failure with code <see cref="ErrorCodes.BadRequest"/>, not retried). A retried attempt's samples replace the failed one's.
    /// </summary>
    public async Task<SampledRun> RunSampledAsync(string modelPath, RunSettings settings, Func<Mark, CancellationToken, Task>? onMark = null, CancellationToken cancellationToken = default)
    {
        var model = await LocalModel.ReadAsync(modelPath, cancellationToken).ConfigureAwait(false);
        await PutModelAsync(modelPath, null, cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(BoardPhase.Run, async (channel, token) =>
        {
            await EnsureStoredAsync(channel, model, token).ConfigureAwait(false);
            return await RunOnceAsync(channel, model, settings, onMark, token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Puts the model on the board if needed, then has the agent score it on the data in
    /// <paramref name="request"/> (whose hash is replaced by the model's). A model the runtime cannot
    /// run is a candidate failure; anything about reaching the board is infrastructure.
    /// </summary>
    public async Task<EvaluationResult> EvaluateAsync(string modelPath, RunEvaluation request, CancellationToken cancellationToken = default)
    {
        var model = await LocalModel.ReadAsync(modelPath, cancellationToken).ConfigureAwait(false);
        await PutModelAsync(modelPath, null, cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(BoardPhase.Run, async (channel, token) =>
        {
            await EnsureStoredAsync(channel, model, token).ConfigureAwait(false);
            _states.MoveTo(BoardState.Running);
            try
            {
                var result = await RequestAsync<EvaluationResult>(channel, request with { Sha256 = model.Sha256 }, token).ConfigureAwait(false);
                _states.MoveTo(BoardState.ModelLoaded);
                return result;
            }
            catch (AgentErrorException e)
            {
                _states.MoveTo(e.Reply.Code is ErrorCodes.HashMismatch or ErrorCodes.ModelMissing ? BoardState.AgentReady : BoardState.ModelLoaded);
                throw;
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Has the agent sample <paramref name="sensors"/> for <paramref name="seconds"/> while it does no work.</summary>
    public async Task<SampledIdle> IdleAsync(double seconds, IReadOnlyList<string> sensors, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(BoardPhase.Run, async (channel, token) =>
        {
            await channel.SendAsync(new SampleIdle(seconds, sensors), token).ConfigureAwait(false);
            var samples = new List<SensorSamples>();
            while (true)
            {
                switch (await channel.ReceiveAsync(token).ConfigureAwait(false))
                {
                    case SensorSamples chunk:
                        samples.Add(chunk);
                        break;
                    case IdleResult result:
                        return new SampledIdle(result, samples);
                    case ErrorReply error:
                        throw new AgentErrorException(error);
                    case var other:
                        throw new ProtocolException(ErrorCodes.OutOfSequence, $"expected sensor samples or the idle result, got {other.GetType().Name}");
                }
            }
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>One clock exchange: the host's clock is read just before the request is sent and just after the reply arrives.</summary>
    public async Task<ClockReading> SyncClockAsync(CancellationToken cancellationToken = default) =>
        await ExecuteAsync(BoardPhase.Sensors, async (channel, token) =>
        {
            var sequence = ++_clockSequence;
            var sent = HostSeconds;
            await channel.SendAsync(new TimeSync(sequence), token).ConfigureAwait(false);
            while (true)
            {
                switch (await channel.ReceiveAsync(token).ConfigureAwait(false))
                {
                    case TimeSyncReply reply when reply.Sequence == sequence:
                        return new ClockReading(sent, reply.AgentSeconds, HostSeconds);
                    case TimeSyncReply:
                        continue; // a late answer to an earlier exchange
                    case ErrorReply error:
                        throw new AgentErrorException(error);
                    case var other:
                        throw new ProtocolException(ErrorCodes.OutOfSequence, $"expected the agent's clock, got {other.GetType().Name}");
                }
            }
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>Reads every on-board sensor once.</summary>
    public async Task<SensorReadings> ReadSensorsAsync(CancellationToken cancellationToken = default) =>
        await ExecuteAsync(BoardPhase.Sensors, (channel, token) => RequestAsync<SensorReadings>(channel, new ReadSensors(), token), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Has the agent pin the board to <paramref name="settings"/> and read each back (<see cref="LastSettings"/>). A
    /// setting read back other than requested fails the board as infrastructure (<see cref="FailureCodes.SettingMismatch"/>,
    /// not retried: the board, not the line, is wrong), naming the setting, the value asked for and the value read.
    /// Nothing is asked when <paramref name="settings"/> is empty.
    /// </summary>
    public async Task<AppliedSettings> ApplySettingsAsync(BoardSettings settings, CancellationToken cancellationToken = default)
    {
        var applied = settings.IsEmpty
            ? new AppliedSettings(Name, [])
            : AppliedSettings.From(Name, settings, await ExecuteAsync(BoardPhase.Settings,
                (channel, token) => RequestAsync<SettingsReport>(channel, new ApplySettings(settings), token), cancellationToken).ConfigureAwait(false));
        LastSettings = applied;
        if (applied.Mismatches() is { Count: > 0 } wrong)
        {
            var failure = new BoardFailureException(Name, BoardPhase.Settings, FailureClass.Infrastructure, FailureCodes.SettingMismatch, transient: false,
                "the board does not hold its settings: " + string.Join("; ", wrong.Select(AppliedSettings.Describe)));
            Record(failure);
            throw failure;
        }
        return applied;
    }

    /// <summary>Says bye to the agent (if one runs) and drops the connection.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        if (_channel is { } channel)
        {
            try
            {
                await _pipelines.WithTimeoutAsync(BoardPhase.StartAgent, async token =>
                {
                    await channel.SendAsync(new Bye(), token).ConfigureAwait(false);
                    return await channel.ReceiveAsync(token).ConfigureAwait(false);
                }, channel.Abort, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The agent is going away either way; a bye that fails loses nothing.
                _log.LogDebug("{Board}: bye failed: {Reason}", Name, e.Message);
            }
        }
        await DropAsync(graceful: true).ConfigureAwait(false);
    }

    /// <summary>Keeps <paramref name="lease"/> (the board's lock) until this session is disposed.</summary>
    public BoardSession Holding(IDisposable lease)
    {
        _leases.Add(lease);
        return this;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await CloseAsync().ConfigureAwait(false);
            await _transport.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            foreach (var lease in _leases) lease.Dispose();
            _leases.Clear();
        }
    }

    private async Task<T> ExecuteAsync<T>(BoardPhase phase, Func<IAgentChannel, CancellationToken, Task<T>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipelines.ExecuteAsync(token => new ValueTask<T>(AttemptAsync(phase, body, token)), cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException e)
        {
            var failure = FailureClassifier.Classify(e, phase, Name);
            Record(failure);
            throw failure;
        }
    }

    private async Task<T> AttemptAsync<T>(BoardPhase phase, Func<IAgentChannel, CancellationToken, Task<T>> body, CancellationToken cancellationToken)
    {
        _phase = BoardPhase.Connect;
        try
        {
            var channel = await EnsureAgentAsync(cancellationToken).ConfigureAwait(false);
            _phase = phase;
            return await _pipelines.WithTimeoutAsync(phase, token => body(channel, token), channel.Abort, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failure = FailureClassifier.Classify(e, _phase, Name);
            Record(failure);
            // Only an agent that answered with an error is known to be in step; anything else may have
            // left a half-read line or a dead process behind, so start over.
            if (e is not AgentErrorException) await DropAsync().ConfigureAwait(false);
            throw failure;
        }
        catch (OperationCanceledException)
        {
            // The caller gave up: the channel was torn down mid-conversation, so the next call starts over.
            await DropAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<IAgentChannel> EnsureAgentAsync(CancellationToken cancellationToken)
    {
        if (_channel is not null) return _channel;
        if (_states.State == BoardState.Unknown)
        {
            _log.LogInformation("{Board}: connecting to {Transport}", Name, _transport.Description);
            await _pipelines.WithTimeoutAsync(BoardPhase.Connect, async token =>
            {
                await _transport.ConnectAsync(token).ConfigureAwait(false);
                return true;
            }, () => _ = _transport.DisconnectAsync(), cancellationToken).ConfigureAwait(false);
            _states.MoveTo(BoardState.Reachable);
        }
        _phase = BoardPhase.StartAgent;
        var channel = await _pipelines.WithTimeoutAsync(BoardPhase.StartAgent, token => _transport.StartAgentAsync(token), () => _ = _transport.DisconnectAsync(), cancellationToken).ConfigureAwait(false);
        try
        {
            Agent = await _pipelines.WithTimeoutAsync(BoardPhase.StartAgent, token => GreetAsync(channel, token), channel.Abort, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        _channel = channel;
        _states.MoveTo(BoardState.AgentReady);
        _log.LogInformation("{Board}: agent {AgentVersion} ready ({RuntimeId}, {Processors} processors, {Models} models stored)", Name, Agent.AgentVersion, Agent.RuntimeId, Agent.ProcessorCount, Agent.Models.Count);
        return channel;
    }

    // The model may have gone since it was put (a board wiped, a corrupt copy deleted, an agent
    // restarted into another folder): put it again.
    private async Task EnsureStoredAsync(IAgentChannel channel, LocalModel model, CancellationToken cancellationToken)
    {
        var status = await RequestAsync<ModelStatus>(channel, new QueryModel(model.Sha256), cancellationToken).ConfigureAwait(false);
        if (status.Complete)
        {
            _states.MoveTo(BoardState.ModelLoaded);
            return;
        }
        _states.MoveTo(BoardState.AgentReady);
        await UploadAsync(channel, model, null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ModelStatus> UploadAsync(IAgentChannel channel, LocalModel model, Action<long>? progress, CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        // Over a bulk route the question also says the copy's bytes will arrive by that route.
        Message question = _transport.Uploader is null ? new QueryModel(model.Sha256) : new ExpectModel(model.Sha256, model.Size);
        var status = await RequestAsync<ModelStatus>(channel, question, cancellationToken).ConfigureAwait(false);
        var query = _time.GetElapsedTime(start);
        var timings = new UploadTimings(query, TimeSpan.Zero, TimeSpan.Zero, status.BytesHeld, Sent: false);
        if (!status.Complete)
        {
            _log.LogInformation("{Board}: uploading {Model}… ({Bytes} bytes, {BytesHeld} already there)", Name, model.Sha256[..12], model.Size, status.BytesHeld);
            if (_transport.Uploader is { } uploader)
            {
                (status, timings) = await UploadBySideChannelAsync(channel, uploader, model, status.BytesHeld, query, progress, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                start = _time.GetTimestamp();
                status = await UploadInChunksAsync(channel, model, status.BytesHeld, progress, cancellationToken).ConfigureAwait(false);
                timings = timings with { Transfer = _time.GetElapsedTime(start), Sent = true };
            }
        }
        LastUpload = timings;
        if (!status.Complete) throw new ProtocolException(ErrorCodes.OutOfSequence, "the agent did not report the model complete after its last byte");
        _states.MoveTo(BoardState.ModelLoaded);
        return status;
    }

    private async Task<(ModelStatus, UploadTimings)> UploadBySideChannelAsync(IAgentChannel channel, IModelUploader uploader, LocalModel model, long resumedFrom, TimeSpan query, Action<long>? progress, CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        await uploader.UploadPartialAsync(model.Path, model.Sha256, resumedFrom, progress, cancellationToken).ConfigureAwait(false);
        var transfer = _time.GetElapsedTime(start);
        if (resumedFrom > 0) _log.LogInformation("{Board}: upload resumed from byte {Offset}", Name, resumedFrom);
        // An empty chunk at the end asks the agent to verify the copy and move it into place.
        start = _time.GetTimestamp();
        var status = await RequestAsync<ModelStatus>(channel, new PutModel(model.Sha256, model.Size, model.Size, []), cancellationToken).ConfigureAwait(false);
        return (status, new UploadTimings(query, transfer, _time.GetElapsedTime(start), resumedFrom, Sent: true));
    }

    private async Task<ModelStatus> UploadInChunksAsync(IAgentChannel channel, LocalModel model, long offset, Action<long>? progress, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(model.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
        var buffer = new byte[ChunkBytes];
        while (true)
        {
            file.Position = offset;
            var length = await file.ReadAtLeastAsync(buffer, (int)Math.Min(buffer.Length, model.Size - offset), throwOnEndOfStream: true, cancellationToken).ConfigureAwait(false);
            ModelStatus status;
            try
            {
                status = await RequestAsync<ModelStatus>(channel, new PutModel(model.Sha256, model.Size, offset, buffer[..length]), cancellationToken).ConfigureAwait(false);
            }
            catch (AgentErrorException e) when (e.Reply is { Code: ErrorCodes.OffsetMismatch, BytesHeld: { } held } && held < model.Size && held != offset)
            {
                offset = held; // the agent holds a different prefix than we thought: continue from its end
                continue;
            }
            progress?.Invoke(status.BytesHeld);
            if (status.Complete || status.BytesHeld >= model.Size) return status;
            offset = status.BytesHeld;
        }
    }

    private async Task<SampledRun> RunOnceAsync(IAgentChannel channel, LocalModel model, RunSettings settings, Func<Mark, CancellationToken, Task>? onMark, CancellationToken cancellationToken)
    {
        _states.MoveTo(BoardState.Running);
        await channel.SendAsync(new RunWorkload(model.Sha256, settings.Tokens, settings.Warmup, settings.Repeats, settings.Seed, settings.Threads,
            settings.MinSeconds, settings.WarmupSeconds, settings.Sensors), cancellationToken).ConfigureAwait(false);
        var samples = new List<SensorSamples>();
        while (true)
        {
            switch (await channel.ReceiveAsync(cancellationToken).ConfigureAwait(false))
            {
                case SensorSamples chunk:
                    samples.Add(chunk);
                    break;
                case Mark mark:
                    if (onMark is not null) await onMark(mark, cancellationToken).ConfigureAwait(false);
                    await channel.SendAsync(new MarkAck(mark.Phase, mark.Repeat), cancellationToken).ConfigureAwait(false);
                    break;
                case RunResult result:
                    _states.MoveTo(BoardState.ModelLoaded);
                    return new SampledRun(result, samples);
                case ErrorReply error:
                    _states.MoveTo(error.Code is ErrorCodes.HashMismatch or ErrorCodes.ModelMissing ? BoardState.AgentReady : BoardState.ModelLoaded);
                    throw new AgentErrorException(error);
                case var other:
                    throw new ProtocolException(ErrorCodes.OutOfSequence, $"expected a mark or a result, got {other.GetType().Name}");
            }
        }
    }

    /// <summary>Hello, skipping what an agent that outlives sessions (a serial one) may still send for
    /// an earlier host's request: marks, results, statuses.</summary>
    private static async Task<HelloReply> GreetAsync(IAgentChannel channel, CancellationToken cancellationToken)
    {
        await channel.SendAsync(new Hello(ProtocolLimits.Version, HostVersion), cancellationToken).ConfigureAwait(false);
        while (true)
        {
            switch (await channel.ReceiveAsync(cancellationToken).ConfigureAwait(false))
            {
                case HelloReply reply:
                    return reply;
                case ErrorReply error:
                    throw new AgentErrorException(error);
                case Mark or RunResult or EvaluationResult or ModelStatus or SensorReadings or SettingsReport or SensorSamples or IdleResult or TimeSyncReply or Bye:
                    continue;
                case var other:
                    throw new ProtocolException(ErrorCodes.OutOfSequence, $"expected the agent's hello, got {other.GetType().Name}");
            }
        }
    }

    private static async Task<T> RequestAsync<T>(IAgentChannel channel, Message request, CancellationToken cancellationToken) where T : Message
    {
        await channel.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await channel.ReceiveAsync(cancellationToken).ConfigureAwait(false) switch
        {
            T reply => reply,
            ErrorReply error => throw new AgentErrorException(error),
            var other => throw new ProtocolException(ErrorCodes.OutOfSequence, $"expected {typeof(T).Name}, got {other.GetType().Name}"),
        };
    }

    private void Record(BoardFailureException failure)
    {
        _failures.Add(failure);
        _log.LogWarning("{Failure}", failure.Message);
    }

    private async Task DropAsync(bool graceful = false)
    {
        var channel = _channel;
        _channel = null;
        if (channel is not null)
        {
            if (!graceful) channel.Abort();
            try
            {
                await channel.DisposeAsync().ConfigureAwait(false);
            }
            catch (IOException e)
            {
                // Closing the input of an agent that is already gone: nothing left to tell it.
                _log.LogDebug("{Board}: closing the agent's channel: {Reason}", Name, e.Message);
            }
        }
        await _transport.DisconnectAsync().ConfigureAwait(false);
        _states.MoveTo(BoardState.Unknown);
    }

    private static string HostVersion { get; } = typeof(BoardSession).Assembly.GetName().Version?.ToString() ?? "unknown";
}
