using QSLM.Sensors.Board;
using QSLM.Sensors.Board.Parsing;

namespace QSLM.Sensors.Export;

/// <summary>Writes each imported sample straight to the sample CSV and keeps only counts and the first skipped lines.</summary>
internal sealed class CsvImportSink(TextWriter csv) : IImportSink
{
    private readonly SampleCsvWriter _writer = new(csv);

    public ImportSummary Summary { get; } = new();

    public void Reading(PowerReading reading)
    {
        _writer.Write(reading);
        Summary.Samples++;
    }

    public void Skipped(SkippedLine line) => Summary.Skip(line);

    public void Finish() => _writer.Finish();
}
