using QSLM.Protocol.Messages;

namespace QSLM.Boards.Profiles;

/// <summary>
/// How a kind of board is driven (one file in <c>firmware-profiles/</c>, schema in its README): the
/// agent build it runs, the memory a model may take, its power sensors, the settings to pin before
/// measuring and the idle power to expect. Where a particular board is lives in a bench file instead.
/// </summary>
/// <param name="Name">The profile's name, equal to its file name without <c>.yaml</c>.</param>
/// <param name="Description">One line for people.</param>
/// <param name="RuntimeId">.NET runtime identifier of the agent it runs (<c>linux-arm64</c>, <c>linux-x64</c>).</param>
/// <param name="MemoryBytes">Bytes a model may take on the board, or null to take <c>MemAvailable</c> from the agent's hello.</param>
/// <param name="Sensors">Its power sensors and how they are found.</param>
/// <param name="Settings">What to pin before measuring, typed; the agent applies and reads back each (never text from the profile).</param>
/// <param name="Notes">Free text for people (how to wire, what the firmware config holds); never run.</param>
/// <param name="IdleWattsRange">The idle power a healthy board draws, with its source tag.</param>
/// <param name="Path">The file it was read from.</param>
/// <param name="Tags">Names a bench's boards are picked by (<c>qslm qualify --tag</c>): a family, an architecture, a lab.</param>
/// <param name="Qualify">What a model must meet on this kind of board (<c>qslm qualify</c>); none: those checks are not run.</param>
public sealed record FirmwareProfile(
    string Name,
    string Description,
    string RuntimeId,
    long? MemoryBytes,
    IReadOnlyList<ProfileSensor> Sensors,
    BoardSettings Settings,
    IReadOnlyList<string> Notes,
    WattsRange IdleWattsRange,
    string Path,
    IReadOnlyList<string>? Tags = null,
    QualifyTargets? Qualify = null)
{
    /// <summary>Whether the profile carries <paramref name="tag"/>.</summary>
    public bool HasTag(string tag) => Tags?.Contains(tag, StringComparer.Ordinal) == true;
}

/// <summary>A power sensor of a board type.</summary>
/// <param name="Spec">How <c>QSLM.Sensors.Discovery.SensorSpec</c> opens it (<c>jetson:VDD_IN</c>, <c>pmic</c>, <c>ina219:1:0x40:0.1</c>, <c>simulated</c>).</param>
/// <param name="How">How it is found on the board (driver, sysfs path, program).</param>
/// <param name="BoardTotal">Which rail or rule gives the whole board's power.</param>
public sealed record ProfileSensor(string Spec, string How, string BoardTotal);

/// <summary>An expected power range and where the figures come from.</summary>
/// <param name="Min">Lowest expected watts.</param>
/// <param name="Max">Highest expected watts.</param>
/// <param name="Source"><c>measured:</c>, <c>simulated:</c> or <c>estimated:</c> tag (docs/sensors.md, "Source tags").</param>
public sealed record WattsRange(double Min, double Max, string Source)
{
    /// <summary>Whether <paramref name="watts"/> lies within the range.</summary>
    public bool Contains(double watts) => watts >= Min && watts <= Max;

    /// <inheritdoc/>
    public override string ToString() => FormattableString.Invariant($"{Min:G4}-{Max:G4} W ({Source})");
}
