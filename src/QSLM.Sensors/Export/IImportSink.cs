using QSLM.Sensors.Board;
using QSLM.Sensors.Board.Parsing;

namespace QSLM.Sensors.Export;

/// <summary>Where an import puts what it reads, in log order: each sample and each line it skipped.</summary>
public interface IImportSink
{
    /// <summary>A sample read whole.</summary>
    void Reading(PowerReading reading);

    /// <summary>A line that was not used, with the reason.</summary>
    void Skipped(SkippedLine line);
}
