namespace QSLM.History.Records;

/// <summary>Where a run stands. A run is <see cref="Running"/> from its first row until it finishes; one whose process
/// died without finishing (killed, power lost) reads as <see cref="Interrupted"/>, with what it had completed.</summary>
public enum RunStatus
{
    /// <summary>Its process is still working on it.</summary>
    Running,

    /// <summary>It ran to its end (whatever its outcome: a failed check is a completed run).</summary>
    Completed,

    /// <summary>It stopped on an infrastructure failure (a board, link or service).</summary>
    InfrastructureError,

    /// <summary>Its user stopped it (Ctrl-C, SIGTERM) and it recorded so.</summary>
    Cancelled,

    /// <summary>Its process ended without recording an end: what it completed is kept.</summary>
    Interrupted,
}
