using System.Globalization;
using CsvHelper;
using QSLM.Errors;
using QSLM.Search.Results;

namespace QSLM.Cli.Reports;

/// <summary>
/// A search's CSV as a report reads it: a candidate may have several rows (its host evaluation,
/// then board measurements that fill the board columns and rescore it), and the last row of each
/// candidate is what is known of it. Sensitivity measurements are on another slice of the data, so
/// they are kept apart from the candidates that compete.
/// </summary>
internal sealed class SearchRun
{
    private SearchRun(string path, IReadOnlyList<CandidateRow> latest)
    {
        Path = path;
        Latest = latest;
        Candidates = latest.Where(r => !IsSensitivity(r)).ToList();
    }

    /// <summary>The CSV's path.</summary>
    public string Path { get; }

    /// <summary>The last row of every candidate, sensitivity measurements included, by candidate number.</summary>
    public IReadOnlyList<CandidateRow> Latest { get; }

    /// <summary>The last row of every candidate that competes (no sensitivity measurements), by candidate number.</summary>
    public IReadOnlyList<CandidateRow> Candidates { get; }

    /// <summary>Whether the candidates' metric is perplexity (lower is better) rather than accuracy.</summary>
    public bool IsPerplexity => Latest[0].Metric == "perplexity";

    /// <summary>The fp32 baseline's row, if the run has one.</summary>
    public CandidateRow? Baseline => Candidates.FirstOrDefault(r => r.Tier == "baseline");

    /// <summary>Whether a row is a sensitivity measurement (its metric is on another slice).</summary>
    public static bool IsSensitivity(CandidateRow row) => row.Tier == "sensitivity";

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="InputException">The file is missing, empty, or not a search CSV; the message names the line.</exception>
    public static SearchRun Load(string path)
    {
        if (!File.Exists(path)) throw new InputException($"search CSV not found: {path}");
        var text = File.ReadAllText(path);
        if (text.Trim().Length == 0) throw new InputException($"{path}: the file is empty (expected a search CSV with a header and candidate rows)");
        var rows = new List<CandidateRow>();
        using (var reader = CsvReader.Create(new StringReader(text), new CsvReaderOptions { FormatProvider = CultureInfo.InvariantCulture, TrackLineNumbers = true }))
        {
            try
            {
                foreach (var row in reader.GetRecords<CandidateRow>()) rows.Add(row);
            }
            catch (CsvFormatException e) when (e.LineNumber > 0 && e.InnerException is FormatException cause)
            {
                // A field that does not parse, such as a power source that is not a source tag: the cause names the text.
                throw new InputException(string.Create(CultureInfo.InvariantCulture, $"{path} line {e.LineNumber}: not a search CSV row ({cause.Message})"), e);
            }
            catch (Exception e) when (e is not InputException)
            {
                // CsvHelper 34 reports no line for a field it cannot convert. The search writes one
                // line per row (no field spans lines), so the failing row is the line after the
                // header and the rows read.
                var line = rows.Count == 0 && e.Message.Contains("header", StringComparison.OrdinalIgnoreCase) ? 1 : rows.Count + 2;
                throw new InputException($"{path} line {line}: not a search CSV row ({FirstLine(e.Message)})", e);
            }
        }
        if (rows.Count == 0) throw new InputException($"{path}: no candidate rows, only a header");
        var latest = rows.GroupBy(r => r.Candidate).Select(g => g.Last()).OrderBy(r => r.Candidate).ToList();
        return new SearchRun(path, latest);
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
