using System.Globalization;
using QSLM.Errors;
using QSLM.Harness.Power;

namespace QSLM.Harness.History;

/// <summary>One row of a search's windows log (<see cref="LabWindowCsv.Append"/>): what the history keeps of it.</summary>
/// <param name="Candidate">The candidate whose measurement the window belongs to.</param>
/// <param name="Order">The window's place in that measurement.</param>
/// <param name="Side"><c>idle</c>, <c>baseline</c> or <c>candidate</c>.</param>
/// <param name="Kept">Whether it counts.</param>
/// <param name="GrossWatts">Its mean power, idle included.</param>
/// <param name="NetJoulesPerToken">Its energy per token above idle, where it ran tokens.</param>
/// <param name="Source">Its provenance tag.</param>
public sealed record WindowLogRow(int Candidate, int Order, string Side, bool Kept, double GrossWatts, double? NetJoulesPerToken, string Source)
{
    /// <summary>The rows of the windows log at <paramref name="path"/>, or none when there is no such file. A row cut
    /// short by a killed run (the last one) is left out.</summary>
    /// <exception cref="InputException">The file is not a windows log.</exception>
    public static IReadOnlyList<WindowLogRow> Read(string path)
    {
        if (!File.Exists(path)) return [];
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0) return [];
        var header = lines[0].Split(',');
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InputException($"{path}: not a windows log (no {name} column)");
        var (candidate, order, side, kept, gross, net, source) = (Column("candidate"), Column("order"), Column("side"), Column("kept"), Column("gross_w"), Column("net_j_per_token"), Column("source"));
        var rows = new List<WindowLogRow>();
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            if (cells.Length != header.Length) continue;
            try
            {
                rows.Add(new WindowLogRow(int.Parse(cells[candidate], CultureInfo.InvariantCulture), int.Parse(cells[order], CultureInfo.InvariantCulture), cells[side], cells[kept] == "true",
                    double.Parse(cells[gross], CultureInfo.InvariantCulture), cells[net].Length == 0 ? null : double.Parse(cells[net], CultureInfo.InvariantCulture), cells[source]));
            }
            catch (FormatException e)
            {
                throw new InputException($"{path}: a window row does not read ({e.Message}): {line}", e);
            }
        }
        return rows;
    }
}
