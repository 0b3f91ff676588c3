namespace QSLM.Boards.Inventory;

/// <summary>How the host reaches a board.</summary>
public enum BoardLink
{
    /// <summary>The agent as a child process of the host (optionally under an emulator).</summary>
    Local,

    /// <summary>SSH to the board.</summary>
    Ssh,

    /// <summary>A serial line to the board.</summary>
    Serial,
}
