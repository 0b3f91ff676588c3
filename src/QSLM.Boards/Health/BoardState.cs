namespace QSLM.Boards.Health;

/// <summary>Where a board is in its bring-up (labgrid's explicit board states).</summary>
public enum BoardState
{
    /// <summary>Nothing known: not connected, or connection lost.</summary>
    Unknown,

    /// <summary>Connected (the host key checked, the working folder in place).</summary>
    Reachable,

    /// <summary>The agent runs and answered the hello.</summary>
    AgentReady,

    /// <summary>A verified model is in the agent's store.</summary>
    ModelLoaded,

    /// <summary>A workload is running.</summary>
    Running,
}
