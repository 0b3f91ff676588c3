using System.Globalization;
using QSLM.Boards.Sessions;
using QSLM.History.Records;
using QSLM.Reports.Document;
using QSLM.Sensors.Calibration;

namespace QSLM.Harness.Reporting;

/// <summary>A board as a report and the history name it: its bench name, how it is reached, its profile, the identity
/// its agent reported in its hello, the settings it read back, and the sensors that measured it with their calibration.</summary>
public static class ReportBoards
{
    /// <summary>The report's board for <paramref name="session"/> (connected, or not: then only what the bench says).</summary>
    /// <param name="session">The board's session.</param>
    /// <param name="profile">Its firmware profile's name.</param>
    /// <param name="sensors">The meters that measured it: spec and the tag their figures carry.</param>
    /// <param name="calibration">The calibration records the figures were corrected with.</param>
    public static ReportBoard From(BoardSession session, string? profile, IEnumerable<(string Spec, string Source)> sensors, CalibrationStore calibration)
    {
        var identity = session.Agent?.Identity;
        var agent = session.Agent is { } hello ? $"{hello.AgentVersion} on {hello.RuntimeId}" : null;
        return new ReportBoard(session.Name, session.Description, profile, identity?.HostName, identity?.Model, identity?.Serial, identity?.Kernel, identity?.Firmware, agent,
            session.LastSettings?.Describe(), [.. sensors.Select(s => new ReportSensor(s.Spec, s.Source, Calibration(calibration.Find(s.Spec))))]);
    }

    /// <summary>The history's record of the same board.</summary>
    public static BoardRecord Record(ReportBoard board) =>
        new(board.Name, board.Profile, board.HostName, board.Model, board.Serial, board.Kernel, board.Firmware, board.Settings);

    /// <summary>A calibration record in words: what a signed report must show of it.</summary>
    public static string Calibration(CalibrationRecord? record) => record is null
        ? "none (the sensor's own scale)"
        : string.Create(CultureInfo.InvariantCulture,
            $"{record.Date:yyyy-MM-dd}, {record.Quantity.ToString().ToLowerInvariant()} gain {record.Gain:G6} offset {record.Offset:G6} over {record.Points.Count} points against {record.ReferenceInstrument}");
}
