using System.Globalization;
using CsvHelper;
using QSLM.Errors;
using QSLM.Search.Results;

namespace QSLM.Harness.History;

/// <summary>Reads a search's log (<c>search.csv</c>) without opening it for appending: an import leaves the folder as it
/// found it. A torn last line (a run killed while writing it) is left out, as a resumed search leaves it out.</summary>
public static class SearchLogRows
{
    /// <summary>Every complete row of the log at <paramref name="path"/>, in the order written.</summary>
    /// <exception cref="InputException">The file is missing, or not a search log.</exception>
    public static IReadOnlyList<CandidateRow> Read(string path)
    {
        if (!File.Exists(path)) throw new InputException($"search log not found: {path}");
        var text = File.ReadAllText(path);
        var complete = text[..(text.LastIndexOf('\n') + 1)];
        if (complete.Trim().Length == 0) throw new InputException($"{path}: no header (expected a search log)");
        try
        {
            using var reader = CsvReader.Create(new StringReader(complete), new CsvReaderOptions { FormatProvider = CultureInfo.InvariantCulture, TrackLineNumbers = true });
            return [.. reader.GetRecords<CandidateRow>()];
        }
        catch (Exception e) when (e is not InputException)
        {
            throw new InputException($"{path}: not a search log ({e.Message.Split('\n')[0].Trim()})", e);
        }
    }
}
