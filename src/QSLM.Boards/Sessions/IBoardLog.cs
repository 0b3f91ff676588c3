namespace QSLM.Boards.Sessions;

/// <summary>Where a board session reports what it does. Nothing written here ever holds a key, a
/// passphrase or a password; host key fingerprints (public) may appear.</summary>
public interface IBoardLog
{
    /// <summary>One line.</summary>
    void Write(string line);
}

/// <summary>A log that drops everything.</summary>
public sealed class NullBoardLog : IBoardLog
{
    /// <summary>The one instance.</summary>
    public static NullBoardLog Instance { get; } = new();

    /// <inheritdoc/>
    public void Write(string line)
    {
    }
}
