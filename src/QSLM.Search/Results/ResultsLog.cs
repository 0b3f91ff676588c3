using System.Globalization;
using CsvHelper;
using QSLM.Data;

namespace QSLM.Search.Results;

/// <summary>
/// The search's CSV, appended one flushed row at a time so that a killed run loses at most the row
/// being written. Opening an existing log reads its complete rows back (a torn last line, from a
/// kill in the middle of a write, is cut off) so that a resumed search replays them instead of
/// evaluating again: no row is duplicated or lost.
/// </summary>
public sealed class ResultsLog : IDisposable
{
    private static readonly CsvWriterOptions WriterOptions = new() { FormatProvider = CultureInfo.InvariantCulture, NewLine = "\n" };
    private readonly FileStream _file;
    private readonly StreamWriter _stream;
    private readonly CsvWriter _writer;

    private ResultsLog(string path, IReadOnlyList<CandidateRow> rows, bool header)
    {
        Path = path;
        Rows = rows;
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        _stream = new StreamWriter(_file);
        _writer = CsvWriter.Create(_stream, WriterOptions, leaveOpen: true);
        if (header)
        {
            _writer.WriteHeader<CandidateRow>();
            Flush();
        }
    }

    /// <summary>The CSV's path.</summary>
    public string Path { get; }

    /// <summary>The complete rows the file held when it was opened.</summary>
    public IReadOnlyList<CandidateRow> Rows { get; }

    /// <summary>Opens <paramref name="path"/>, creating it with a header or reading back its rows.</summary>
    public static ResultsLog Open(string path)
    {
        if (!File.Exists(path) || new FileInfo(path).Length == 0) return new ResultsLog(path, [], header: true);
        var text = File.ReadAllText(path);
        var complete = text.LastIndexOf('\n') + 1;
        if (complete < text.Length) File.WriteAllText(path, text[..complete]); // a torn last row
        try
        {
            using var reader = CsvReader.Create(new StringReader(text[..complete]));
            return new ResultsLog(path, reader.GetRecords<CandidateRow>().ToList(), header: complete == 0);
        }
        catch (Exception e) when (e is not InputException)
        {
            throw new InputException($"{path}: not a QSLM search log ({e.Message})", e);
        }
    }

    /// <summary>Appends a row and flushes it to the file.</summary>
    public void Append(CandidateRow row)
    {
        _writer.WriteRecord(row);
        Flush();
    }

    private void Flush()
    {
        _writer.Flush();
        _stream.Flush();
        _file.Flush(flushToDisk: true);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _writer.Dispose();
        _stream.Dispose();
        _file.Dispose();
    }
}
