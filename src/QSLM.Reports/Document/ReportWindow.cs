namespace QSLM.Reports.Document;

/// <summary>One measurement window, for the per-window plot and table.</summary>
/// <param name="Board">The board.</param>
/// <param name="Index">Its place in the run.</param>
/// <param name="Side"><c>idle</c>, <c>baseline</c>, <c>candidate</c> or a model's label.</param>
/// <param name="Repeat">Its repeat (−1 for idle).</param>
/// <param name="Kept">Whether it counts (a throttled window repeated is not kept).</param>
/// <param name="StartSeconds">Its start on the run's clock.</param>
/// <param name="StopSeconds">Its stop.</param>
/// <param name="Watts">Its mean power, idle included.</param>
/// <param name="NetJoulesPerToken">Its energy per token above idle (0 for idle).</param>
/// <param name="Throttled">Whether the board throttled in it.</param>
/// <param name="Source">Its provenance tag.</param>
public sealed record ReportWindow(string Board, int Index, string Side, int Repeat, bool Kept, double StartSeconds, double StopSeconds, double Watts, double NetJoulesPerToken, bool Throttled, string Source);
