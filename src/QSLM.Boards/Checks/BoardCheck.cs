using QSLM.Boards.Failures;
using QSLM.Boards.Sessions;

namespace QSLM.Boards.Checks;

/// <summary>
/// Brings each board up as far as agent ready, reads its sensors once and says bye: what
/// <c>qslm boards check</c> reports (state, agent version, runtime, sensors), one board at a time so
/// one bad board never hides the others.
/// </summary>
public static class BoardCheck
{
    /// <summary>Checks every board; never throws for a board's failure, which lands in its report.</summary>
    public static async Task<IReadOnlyList<BoardReport>> RunAsync(IEnumerable<BoardSession> boards, CancellationToken cancellationToken = default)
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
            }
            catch (BoardFailureException e)
            {
                failure = e;
            }
            // Enum order is bring-up order, so the largest state entered is the furthest reached.
            var furthest = session.StateHistory.Max();
            reports.Add(new BoardReport(session.Name, session.Description, furthest, session.Health, session.Agent, sensors, failure));
            await session.CloseAsync(cancellationToken).ConfigureAwait(false);
        }
        return reports;
    }
}
