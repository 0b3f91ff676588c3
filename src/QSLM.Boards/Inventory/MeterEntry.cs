namespace QSLM.Boards.Inventory;

/// <summary>Where a meter sits.</summary>
public enum MeterPlacement
{
    /// <summary>On the board: the agent samples it on the board's clock.</summary>
    Board,

    /// <summary>On the host, measuring the board's supply (an INA219 on the host's bus, a USB meter): the host
    /// samples it and aligns its samples with the agent's marks.</summary>
    Host,
}

/// <summary>A meter of a board, as the bench file's <c>meters:</c> lists it.</summary>
/// <param name="Spec">The sensor's spec (as <c>--sensor</c> takes it).</param>
/// <param name="On">Where it sits.</param>
public sealed record MeterEntry(string Spec, MeterPlacement On);
