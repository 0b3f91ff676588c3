using QSLM.Boards.Failures;
using QSLM.Boards.Sessions;
using QSLM.Protocol.Messages;

namespace QSLM.Boards.Checks;

/// <summary>
/// Brings each board up as far as agent ready, reads its sensors once, pins the settings its profile
/// names and reads them back, and says bye: what <c>qslm boards check</c> reports (state, agent version,
/// runtime, sensors, settings), one board at a time so one bad board never hides the others.
/// </summary>
public static class BoardCheck
{
    /// <summary>Checks every board; never throws for a board's failure, which lands in its report.</summary>
    /// <param name="boards">The boards' sessions.</param>
    /// <param name="settings">The settings to pin, by board name (a board not named here is not touched).</param>
    /// <param name="cancellationToken">Stops the check.</param>
    public static async Task<IReadOnlyList<BoardReport>> RunAsync(IEnumerable<BoardSession> boards, IReadOnlyDictionary<string, BoardSettings>? settings = null, CancellationToken cancellationToken = default)
    {
        var reports = new List<BoardReport>();
        foreach (var session in boards)
        {
            BoardFailureException? failure = null;
            IReadOnlyList<Protocol.Messages.SensorReading>? sensors = null;
            try
            {
                await session.ConnectAsync(cancellationToken).ConfigureAwait(false);
                sensors = (await session.ReadSensorsAsync(cancellationToken).ConfigureAwait(false)).Readings;
                if (settings?.GetValueOrDefault(session.Name) is { } pinned) await session.ApplySettingsAsync(pinned, cancellationToken).ConfigureAwait(false);
            }
            catch (BoardFailureException e)
            {
                failure = e;
            }
            // Enum order is bring-up order, so the largest state entered is the furthest reached.
            var furthest = session.StateHistory.Max();
            reports.Add(new BoardReport(session.Name, session.Description, furthest, session.Health, session.Agent, sensors, failure) { Settings = session.LastSettings });
            await session.CloseAsync(cancellationToken).ConfigureAwait(false);
        }
        return reports;
    }
}
