using System.Globalization;
using CsvHelper;
using QSLM.Errors;

namespace QSLM.Search.Results;

/// <summary>
/// A CSV of <typeparamref name="T"/> records that only grows, one flushed and synced row at a time,
/// so that a killed process loses at most the row being written. Opening an existing file reads its
/// complete rows back and cuts off a torn last line (a kill in the middle of a write). A file written before
/// <typeparamref name="T"/> gained its optional columns is rewritten once with the current header (its rows
/// unchanged, the new columns empty), so that appended rows line up with the header.
/// </summary>
public sealed class AppendOnlyCsv<T> : IDisposable
{
    private static readonly CsvReaderOptions ReaderOptions = new() { FormatProvider = CultureInfo.InvariantCulture, TrackLineNumbers = true };
    private static readonly CsvWriterOptions WriterOptions = new() { FormatProvider = CultureInfo.InvariantCulture, NewLine = "\n" };
    private readonly FileStream _file;
    private readonly StreamWriter _stream;
    private readonly CsvWriter _writer;

    private AppendOnlyCsv(string path, IReadOnlyList<T> rows, bool header)
    {
        Rows = rows;
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        _stream = new StreamWriter(_file);
        _writer = CsvWriter.Create(_stream, WriterOptions, leaveOpen: true);
        if (header)
        {
            _writer.WriteHeader<T>();
            Flush();
        }
    }

    /// <summary>The complete rows the file held when it was opened.</summary>
    public IReadOnlyList<T> Rows { get; }

    /// <summary>Opens <paramref name="path"/>, creating it (and its folder) with a header or reading back its rows.</summary>
    /// <exception cref="InputException">The file is not a CSV of <typeparamref name="T"/>; the message names the
    /// file and, for a row that cannot be read, its line.</exception>
    public static AppendOnlyCsv<T> Open(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (!File.Exists(path) || new FileInfo(path).Length == 0) return new AppendOnlyCsv<T>(path, [], header: true);
        var text = File.ReadAllText(path);
        var complete = text.LastIndexOf('\n') + 1;
        if (complete < text.Length) File.WriteAllText(path, text[..complete]);
        List<T> rows;
        try
        {
            using var reader = CsvReader.Create(new StringReader(text[..complete]), ReaderOptions);
            rows = reader.GetRecords<T>().ToList();
        }
        catch (CsvFormatException e) when (e.LineNumber > 0)
        {
            var cause = e.InnerException?.Message ?? e.Message;
            throw new InputException(string.Create(CultureInfo.InvariantCulture, $"{path} line {e.LineNumber}: not a {typeof(T).Name} record ({cause})"), e);
        }
        catch (Exception e) when (e is not InputException)
        {
            throw new InputException($"{path}: not a CSV of {typeof(T).Name} records ({e.Message})", e);
        }
        if (complete > 0 && text[..text.IndexOf('\n', StringComparison.Ordinal)] != Header()) Rewrite(path, rows);
        return new AppendOnlyCsv<T>(path, rows, header: complete == 0);
    }

    // The header line the writer writes for T.
    private static string Header()
    {
        using var text = new StringWriter();
        using (var writer = CsvWriter.Create(text, WriterOptions, leaveOpen: true)) writer.WriteHeader<T>();
        return text.ToString().TrimEnd('\n');
    }

    // Writes the rows under the current header beside the file, then replaces it, so a kill leaves the old file or the new.
    private static void Rewrite(string path, IReadOnlyList<T> rows)
    {
        var temporary = path + ".rewrite";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        using (var writer = new StreamWriter(stream))
        using (var csv = CsvWriter.Create(writer, WriterOptions, leaveOpen: true))
        {
            csv.WriteHeader<T>();
            foreach (var row in rows) csv.WriteRecord(row);
            csv.Flush();
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Appends a row and flushes it to the disk.</summary>
    public void Append(T row)
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
