using System.Text.Json.Serialization;

namespace QSLM.Protocol.Messages;

/// <summary>Host → agent: pin the board to <paramref name="Settings"/>, then read each one back. The agent answers
/// <see cref="SettingsReport"/>; settings it cannot ask for (<see cref="BoardSettings.Problem"/>) are refused as
/// <c>bad-request</c>.</summary>
/// <param name="Settings">The settings; members left null are not touched.</param>
public sealed record ApplySettings(BoardSettings Settings) : Message;

/// <summary>Agent → host: each setting asked for, in the order applied, with what the board shows now.</summary>
/// <param name="Settings">One outcome per requested setting.</param>
public sealed record SettingsReport(IReadOnlyList<SettingOutcome> Settings) : Message;

/// <summary>What became of one setting.</summary>
/// <param name="Name">The setting (<see cref="BoardSettings.GovernorName"/>, …).</param>
/// <param name="Requested">The value asked for, as <see cref="BoardSettings.Requested"/> writes it.</param>
/// <param name="Applied">Whether the agent's operation succeeded (the write was accepted, the program exited 0).</param>
/// <param name="ReadBack">The value read back through the agent's root after applying (<c>policy0=performance policy4=schedutil</c>
/// when policies disagree), or null when it could not be read. The read-back, not <paramref name="Applied"/>, decides.</param>
/// <param name="Reason">Why it was not applied (no permission, no program, the program's exit status and message), or null.</param>
public sealed record SettingOutcome(string Name, string Requested, bool Applied, string? ReadBack = null, string? Reason = null)
{
    /// <summary>Whether the board shows the requested value.</summary>
    [JsonIgnore]
    public bool Holds => string.Equals(Requested, ReadBack, StringComparison.Ordinal);
}
