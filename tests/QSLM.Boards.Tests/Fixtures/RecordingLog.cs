using QSLM.Boards.Sessions;

namespace QSLM.Boards.Tests.Fixtures;

/// <summary>Keeps every line a session logs.</summary>
internal sealed class RecordingLog : IBoardLog
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines) return _lines.ToList();
        }
    }

    public void Write(string line)
    {
        lock (_lines) _lines.Add(line);
    }
}
