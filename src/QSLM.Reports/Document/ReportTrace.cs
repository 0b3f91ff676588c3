namespace QSLM.Reports.Document;

/// <summary>A meter's power samples over a run, for the trace plot with its windows shaded.</summary>
/// <param name="Board">The board.</param>
/// <param name="Sensor">The meter's spec.</param>
/// <param name="Seconds">Each sample's time on the run's clock (the windows' clock).</param>
/// <param name="Watts">Each sample's power.</param>
/// <param name="Source">The samples' provenance tag.</param>
public sealed record ReportTrace(string Board, string Sensor, IReadOnlyList<double> Seconds, IReadOnlyList<double> Watts, string Source);
