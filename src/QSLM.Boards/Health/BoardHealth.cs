namespace QSLM.Boards.Health;

/// <summary>A board's health as its circuit breaker sees it.</summary>
public enum BoardHealth
{
    /// <summary>Work is sent to the board.</summary>
    Healthy,

    /// <summary>Too many infrastructure failures: work is refused until the break ends.</summary>
    Unhealthy,

    /// <summary>The break ended; the next piece of work decides.</summary>
    Probing,
}
