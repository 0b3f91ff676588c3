using QSLM.Sensors.Board;
using QSLM.Sensors.Board.Parsing;

namespace QSLM.Sensors.Export;

/// <summary>What an import of an in-memory log produced: the readings (all from one source) and every line skipped.</summary>
public sealed record ImportResult(IReadOnlyList<PowerReading> Readings, IReadOnlyList<SkippedLine> Skipped)
{
    /// <summary>A sink that keeps everything: for logs small enough to hold (tests, a board's short capture).</summary>
    internal sealed class Collector : IImportSink
    {
        private readonly List<PowerReading> _readings = [];
        private readonly List<SkippedLine> _skipped = [];

        public void Reading(PowerReading reading) => _readings.Add(reading);

        public void Skipped(SkippedLine line) => _skipped.Add(line);

        public ImportResult Result() => new(_readings, _skipped);
    }
}
