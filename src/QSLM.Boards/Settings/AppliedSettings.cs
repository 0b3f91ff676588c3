using QSLM.Protocol.Messages;

namespace QSLM.Boards.Settings;

/// <summary>
/// The settings a board was pinned to and what it showed when each was read back: what a measurement records
/// beside its figures. Each outcome carries the value the host asked for (not the agent's echo of it), so a
/// setting the agent left out reads back as nothing and does not hold.
/// </summary>
/// <param name="Board">The board's name.</param>
/// <param name="Settings">One outcome per setting asked for, in the order the agent applied them.</param>
public sealed record AppliedSettings(string Board, IReadOnlyList<SettingOutcome> Settings)
{
    /// <summary>Pairs what was asked for with what the agent reported, by setting name.</summary>
    public static AppliedSettings From(string board, BoardSettings requested, SettingsReport report) =>
        new(board, [.. requested.Requested().Select(asked =>
            report.Settings.FirstOrDefault(o => o.Name == asked.Name) is { } told
                ? told with { Requested = asked.Value }
                : new SettingOutcome(asked.Name, asked.Value, false, Reason: "the agent did not report this setting"))]);

    /// <summary>The settings whose read-back differs from the request.</summary>
    public IReadOnlyList<SettingOutcome> Mismatches() => [.. Settings.Where(s => !s.Holds)];

    /// <summary>One line per person: <c>governor performance (read back performance)</c>, and for a setting not applied, why.</summary>
    public string Describe() => Settings.Count == 0 ? "none" : string.Join(", ", Settings.Select(Describe));

    /// <summary>One setting as a person reads it.</summary>
    public static string Describe(SettingOutcome s) =>
        $"{s.Name} {s.Requested} (read back {s.ReadBack ?? "nothing"}" + (s.Applied ? ")" : $"; not applied: {s.Reason})");
}
