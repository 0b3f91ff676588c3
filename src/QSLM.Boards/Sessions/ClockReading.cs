namespace QSLM.Boards.Sessions;

/// <summary>One clock exchange with the agent (Cristian's algorithm): the host's monotonic clock when the request
/// left and when the reply came, and the agent's monotonic clock in between.</summary>
/// <param name="HostSentSeconds">Host seconds (<see cref="BoardSession.HostSeconds"/>) just before the request was sent.</param>
/// <param name="AgentSeconds">The agent's clock when it answered.</param>
/// <param name="HostReceivedSeconds">Host seconds just after the reply arrived.</param>
public sealed record ClockReading(double HostSentSeconds, double AgentSeconds, double HostReceivedSeconds);
