using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using QSLM.Boards.Failures;
using QSLM.Boards.Health;

namespace QSLM.Boards.Resilience;

/// <summary>
/// The Polly pipelines of one board. Each phase runs as retry → circuit breaker → (timeout, applied
/// per attempt by the session). The breaker is one pipeline shared by every phase, so its count of
/// infrastructure failures is the board's, and only infrastructure failures count: a candidate that
/// crashes does not make the board unhealthy. Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class BoardPipelines
{
    private readonly ResiliencePipeline _retryAndBreak;
    private readonly ResiliencePipeline _breakerOnly;
    private readonly bool _retryOff;
    private readonly Dictionary<BoardPhase, ResiliencePipeline> _timeouts = [];

    /// <summary>Builds the pipelines.</summary>
    public BoardPipelines(BoardResilienceOptions options, TimeProvider time)
    {
        Options = options;
        Time = time;
        var breaker = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<BoardFailureException>(f => f.Class == FailureClass.Infrastructure),
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakDuration,
                OnOpened = _ => SetHealth(BoardHealth.Unhealthy),
                OnHalfOpened = _ => SetHealth(BoardHealth.Probing),
                OnClosed = _ => SetHealth(BoardHealth.Healthy),
            })
            .Build();
        _retryAndBreak = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<BoardFailureException>(f => f.Transient && f.Class == FailureClass.Infrastructure),
                MaxRetryAttempts = Math.Max(options.MaxRetries, 1),
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = _ =>
                {
                    Retries++;
                    return ValueTask.CompletedTask;
                },
            })
            .AddPipeline(breaker)
            .Build();
        _retryOff = options.MaxRetries == 0;
        _breakerOnly = breaker;
        foreach (var phase in Enum.GetValues<BoardPhase>())
            _timeouts[phase] = new ResiliencePipelineBuilder { TimeProvider = time }.AddTimeout(options.Timeout(phase)).Build();
    }

    /// <summary>The options the pipelines were built from.</summary>
    public BoardResilienceOptions Options { get; }

    /// <summary>The clock the pipelines use.</summary>
    public TimeProvider Time { get; }

    /// <summary>The board's health as the breaker sees it.</summary>
    public BoardHealth Health { get; private set; } = BoardHealth.Healthy;

    /// <summary>Retries made so far.</summary>
    public int Retries { get; private set; }

    /// <summary>Raised when <see cref="Health"/> changes.</summary>
    public event Action<BoardHealth>? HealthChanged;

    /// <summary>Runs one piece of work under retry and the breaker.</summary>
    public ValueTask<T> ExecuteAsync<T>(Func<CancellationToken, ValueTask<T>> attempt, CancellationToken cancellationToken) =>
        (_retryOff ? _breakerOnly : _retryAndBreak).ExecuteAsync(attempt, cancellationToken);

    /// <summary>
    /// Runs one step under its phase's timeout. When the time is up, <paramref name="abort"/> tears the
    /// channel down so that a read blocked on a pipe or socket fails, and the failure surfaces as
    /// Polly's <see cref="Polly.Timeout.TimeoutRejectedException"/>.
    /// </summary>
    public async Task<T> WithTimeoutAsync<T>(BoardPhase phase, Func<CancellationToken, Task<T>> step, Action? abort, CancellationToken cancellationToken) =>
        await _timeouts[phase].ExecuteAsync(async token =>
        {
            using var registration = abort is null ? default : token.Register(abort);
            try
            {
                return await step(token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException && token.IsCancellationRequested)
            {
                throw new OperationCanceledException("the phase timed out", e, token);
            }
        }, cancellationToken).ConfigureAwait(false);

    private ValueTask SetHealth(BoardHealth health)
    {
        Health = health;
        HealthChanged?.Invoke(health);
        return ValueTask.CompletedTask;
    }
}
