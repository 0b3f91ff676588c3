using QSLM.Search.Board;

namespace QSLM.Search.Results;

/// <summary>
/// The board's columns of a <see cref="CandidateRow"/>, both ways: a measurement written into a row, and read back
/// from a logged row when a resumed search replays it, so a replayed measurement scores exactly as the original did.
/// </summary>
public static class BoardColumns
{
    /// <summary><paramref name="row"/> with the columns of <paramref name="measurement"/> (empty ones for null).</summary>
    public static CandidateRow With(CandidateRow row, BoardMeasurement? measurement) => row with
    {
        BoardValue = measurement?.BoardValue,
        LatencyMs = measurement?.LatencyMs,
        PeakRssBytes = measurement?.PeakRssBytes,
        PowerWatts = measurement?.PowerWatts,
        PowerCi95Watts = measurement?.PowerCi95Watts,
        EnergyJoulesPerToken = measurement?.EnergyJoulesPerToken,
        PowerSource = measurement?.PowerSource,
        EnergyCi95JoulesPerToken = measurement?.EnergyCi95JoulesPerToken,
        IdleWatts = measurement?.IdleWatts,
        NetWatts = measurement?.NetWatts,
        NetJoulesPerToken = measurement?.NetJoulesPerToken,
        Saving = measurement?.Saving,
        SavingCi95 = measurement?.SavingCi95,
        Windows = measurement?.Windows,
        WindowSeconds = measurement?.WindowSeconds,
        Quick = measurement?.Quick,
        ThrottledWindows = measurement?.ThrottledWindows,
    };

    /// <summary>The measurement a logged board row says; <paramref name="failure"/> is the candidate's failure, or null.
    /// A row written before a column existed reads it as not measured (null, not quick, no throttled window).</summary>
    public static BoardMeasurement Read(CandidateRow row, string? failure) =>
        new(row.BoardValue, row.LatencyMs, row.PeakRssBytes, row.PowerWatts, row.PowerCi95Watts, row.EnergyJoulesPerToken, row.PowerSource, failure)
        {
            EnergyCi95JoulesPerToken = row.EnergyCi95JoulesPerToken,
            IdleWatts = row.IdleWatts,
            NetWatts = row.NetWatts,
            NetJoulesPerToken = row.NetJoulesPerToken,
            Saving = row.Saving,
            SavingCi95 = row.SavingCi95,
            Windows = row.Windows,
            WindowSeconds = row.WindowSeconds,
            Quick = row.Quick ?? false,
            ThrottledWindows = row.ThrottledWindows ?? 0,
        };
}
