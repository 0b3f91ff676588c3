using QSLM.Boards.Failures;
using QSLM.Boards.Health;
using QSLM.Boards.Settings;
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
    BoardFailureException? Failure)
{
    /// <summary>The profile's settings as the board read them back, or null when none were applied.</summary>
    public AppliedSettings? Settings { get; init; }

    /// <summary>One line for a person: name, state, health, then the agent, sensors and settings, or the failure.</summary>
    public string Describe()
    {
        var line = $"{Board} ({Reached}): {State}, {Health}";
        if (Agent is { } a) line += FormattableString.Invariant($"; agent {a.AgentVersion} on {a.RuntimeId}, {a.ProcessorCount} processors, {a.Models.Count} models stored");
        if (Agent?.Identity is { } id) line += "; board " + Identity(id);
        if (Sensors is { } s) line += s.Count == 0 ? "; no sensors" : "; sensors " + string.Join(", ", s.Select(r => FormattableString.Invariant($"{r.Name} {r.Value:G4} {r.Unit} ({r.Source})")));
        if (Settings is { } applied) line += "; settings " + applied.Describe();
        if (Failure is { } f) line += $"; {f.Class.ToString().ToLowerInvariant()} failure {f.Code}: {f.InnerException?.Message ?? f.Message}";
        return line;
    }

    /// <summary>A board's identity in words: host name, model, serial, kernel and firmware, each "unknown" where the board does not say.</summary>
    public static string Identity(BoardIdentity identity) =>
        $"{identity.HostName} ({identity.Model ?? "model unknown"}, serial {identity.Serial ?? "unknown"}, kernel {identity.Kernel}, firmware {identity.Firmware ?? "unknown"})";
}
