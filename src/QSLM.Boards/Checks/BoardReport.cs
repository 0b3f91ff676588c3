using QSLM.Boards.Failures;
using QSLM.Boards.Health;
using QSLM.Protocol.Messages;

namespace QSLM.Boards.Checks;

/// <summary>One board's line of a bench check: how far it came up, and what its agent said.</summary>
/// <param name="Board">The board's name.</param>
/// <param name="Reached">Where the transport reaches it (never a secret).</param>
/// <param name="State">The furthest bring-up state reached.</param>
/// <param name="Health">The board's health after the check.</param>
/// <param name="Agent">The agent's hello, or null if it never answered.</param>
/// <param name="Sensors">The sensors' readings, or null if they could not be read.</param>
/// <param name="Failure">Why the check stopped short, or null.</param>
public sealed record BoardReport(
    string Board,
    string Reached,
    BoardState State,
    BoardHealth Health,
    HelloReply? Agent,
    IReadOnlyList<SensorReading>? Sensors,
    BoardFailureException? Failure);
