namespace QSLM.Boards.Failures;

/// <summary>The phases of work on a board; each has its own timeout.</summary>
public enum BoardPhase
{
    /// <summary>Reaching the board (SSH connection, host key check).</summary>
    Connect,

    /// <summary>Deploying and starting the agent, and its hello.</summary>
    StartAgent,

    /// <summary>Putting a model on the board.</summary>
    Upload,

    /// <summary>Running a workload and collecting its results.</summary>
    Run,

    /// <summary>Reading the board's sensors.</summary>
    Sensors,

    /// <summary>Pinning the board's settings and reading them back.</summary>
    Settings,
}
