using QSLM.Sensors.Board.Parsing;

namespace QSLM.Sensors.Export;

/// <summary>
/// What a streamed import did, in bounded memory: how many samples it wrote, how many lines it skipped,
/// and the first <see cref="Shown"/> skipped lines to show the user.
/// </summary>
public sealed class ImportSummary
{
    /// <summary>How many skipped lines are kept to show.</summary>
    public const int Shown = 5;

    private readonly List<SkippedLine> _firstSkipped = [];

    /// <summary>Samples written.</summary>
    public long Samples { get; internal set; }

    /// <summary>Lines skipped, all of them.</summary>
    public long SkippedLines { get; private set; }

    /// <summary>The first skipped lines, in the order they were skipped.</summary>
    public IReadOnlyList<SkippedLine> FirstSkipped => _firstSkipped;

    internal void Skip(SkippedLine line)
    {
        SkippedLines++;
        if (_firstSkipped.Count < Shown) _firstSkipped.Add(line);
    }
}
