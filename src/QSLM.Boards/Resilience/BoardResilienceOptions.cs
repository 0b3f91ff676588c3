using QSLM.Boards.Failures;

namespace QSLM.Boards.Resilience;

/// <summary>Timeouts per phase, retries and the circuit breaker of one board (Polly's options style:
/// every knob here, defaults in one place).</summary>
public sealed record BoardResilienceOptions
{
    /// <summary>Connecting, host key check included.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Deploying and starting the agent, and its hello.</summary>
    public TimeSpan StartAgentTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>One attempt at uploading a model.</summary>
    public TimeSpan UploadTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>One attempt at running a workload.</summary>
    public TimeSpan RunTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Reading sensors.</summary>
    public TimeSpan SensorsTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Pinning the board's settings and reading them back (<c>nvpmodel</c> alone may take seconds).</summary>
    public TimeSpan SettingsTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Retries after the first attempt, for transient infrastructure failures only.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>Delay before the first retry; doubles each time, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Share of infrastructure failures among recent attempts that opens the breaker.</summary>
    public double BreakerFailureRatio { get; init; } = 0.5;

    /// <summary>Attempts within <see cref="BreakerSamplingDuration"/> before the ratio counts.</summary>
    public int BreakerMinimumThroughput { get; init; } = 4;

    /// <summary>Window over which the failure ratio is measured.</summary>
    public TimeSpan BreakerSamplingDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an unhealthy board is left alone before it is probed again.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The timeout of <paramref name="phase"/>.</summary>
    public TimeSpan Timeout(BoardPhase phase) => phase switch
    {
        BoardPhase.Connect => ConnectTimeout,
        BoardPhase.StartAgent => StartAgentTimeout,
        BoardPhase.Upload => UploadTimeout,
        BoardPhase.Run => RunTimeout,
        BoardPhase.Sensors => SensorsTimeout,
        BoardPhase.Settings => SettingsTimeout,
        _ => throw new ArgumentOutOfRangeException(nameof(phase)),
    };
}
