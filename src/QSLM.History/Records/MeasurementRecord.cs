namespace QSLM.History.Records;

/// <summary>One measured figure, committed when it is taken.</summary>
/// <param name="Board">The board it was taken on (<c>host</c> for a host figure).</param>
/// <param name="Model">The model's label.</param>
/// <param name="Quantity">What it is (<see cref="Quantities"/>).</param>
/// <param name="Value">The figure.</param>
/// <param name="Ci95">Half-width of its 95% interval, where it has one.</param>
/// <param name="Unit">Its unit (<c>W</c>, <c>J</c>, <c>ms</c>, <c>B</c>, <c>fraction</c>).</param>
/// <param name="Source">Its provenance tag (<c>measured:&lt;sensor&gt;</c>, <c>simulated:&lt;model&gt;</c>, <c>estimated:&lt;model&gt;</c>) for power figures.</param>
/// <param name="Window">The window it comes from, for a per-window figure; null for a summary.</param>
public sealed record MeasurementRecord(string Board, string Model, string Quantity, double Value, double? Ci95, string Unit, string? Source = null, int? Window = null);
