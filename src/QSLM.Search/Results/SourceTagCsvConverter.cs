using CsvHelper;
using QSLM.Sensors.Board;

namespace QSLM.Search.Results;

/// <summary>A <see cref="SourceTag"/> in a CSV field: its text (<c>estimated:horowitz-45nm</c>). Text that is not a
/// tag is refused while the row is read, so a bad provenance never gets past the CSV boundary; an empty field is
/// a row without power figures.</summary>
public sealed class SourceTagCsvConverter : ICsvConverter<SourceTag>
{
    /// <inheritdoc />
    /// <exception cref="FormatException">The field is not a source tag.</exception>
    public SourceTag Read(CsvReader reader, int index) => SourceTag.Parse(reader.GetString(index));

    /// <inheritdoc />
    public void Write(CsvWriter writer, SourceTag value) => writer.WriteField(value.ToString());
}
