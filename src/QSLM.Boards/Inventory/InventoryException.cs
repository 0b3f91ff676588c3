using QSLM.Errors;

namespace QSLM.Boards.Inventory;

/// <summary>A bench file that cannot be used, with where in it the problem is (bad input, exit code 2).</summary>
public sealed class InventoryException(string path, long line, long column, string problem)
    : InputException(FormattableString.Invariant($"{path}:{line}:{column}: {problem}"))
{
    /// <summary>The bench file.</summary>
    public string Path { get; } = path;

    /// <summary>1-based line of the problem.</summary>
    public long Line { get; } = line;

    /// <summary>1-based column of the problem.</summary>
    public long Column { get; } = column;
}
