namespace QSLM.Boards.Inventory;

/// <summary>One board of a bench file: where it is, what drives it, what is wired to it.</summary>
/// <param name="Name">Unique name on the bench.</param>
/// <param name="Profile">The firmware profile it runs (a file name in <c>firmware-profiles/</c>), if given.</param>
/// <param name="Link">How it is reached.</param>
/// <param name="Ssh">SSH address, for <see cref="BoardLink.Ssh"/>.</param>
/// <param name="Serial">Serial line, for <see cref="BoardLink.Serial"/>.</param>
/// <param name="Emulator">For a local board: a user-mode emulator to run the agent under (<c>qemu-aarch64</c>).</param>
/// <param name="Sensors">Sensors wired to it.</param>
/// <param name="PowerSwitch">How its power is switched, if it can be.</param>
public sealed record BoardEntry(
    string Name,
    string? Profile,
    BoardLink Link,
    SshEntry? Ssh,
    SerialEntry? Serial,
    string? Emulator,
    IReadOnlyList<SensorWiring> Sensors,
    string? PowerSwitch)
{
    /// <summary>The meters that measure its power, in file order; empty when the file lists none, which means
    /// the sensors its firmware profile names, on the board.</summary>
    public IReadOnlyList<MeterEntry> Meters { get; init; } = [];

    /// <summary>For a local board: the file of a simulated board (<c>qslm-agent serve --simulate-board</c>) whose sensors the
    /// agent offers instead of the machine's, every reading tagged <c>simulated:</c>; null for the machine's own sensors.</summary>
    public string? SimulatedBoard { get; init; }
}

/// <summary>An SSH board's address and host key pin. Paths are absolute (resolved against the bench file's folder).</summary>
/// <param name="Host">Host name or address.</param>
/// <param name="Port">SSH port.</param>
/// <param name="User">Login user.</param>
/// <param name="KeyPath">The host's private key for this board.</param>
/// <param name="HostKey">The pinned host key: a fingerprint or a known_hosts file.</param>
/// <param name="Folder">The agent's folder on the board.</param>
public sealed record SshEntry(string Host, int Port, string User, string KeyPath, Transports.Ssh.HostKeyPin HostKey, string Folder)
{
    /// <summary>Where in the bench file the key is named (line and column, 1-based), for errors about it.</summary>
    public (long Line, long Column) KeyPosition { get; init; } = (1, 1);
}

/// <summary>A serial board's line.</summary>
/// <param name="Device">The host's serial device.</param>
/// <param name="Baud">Line speed.</param>
public sealed record SerialEntry(string Device, int Baud);

/// <summary>A sensor wired to a board (read by the sensing code; recorded here).</summary>
/// <param name="Kind">Sensor type (<c>ina219</c>, <c>ina3221</c>, <c>pmic</c>, …).</param>
/// <param name="Bus">I2C bus number, if on I2C.</param>
/// <param name="Address">I2C address, if on I2C.</param>
/// <param name="ShuntOhms">Shunt resistance, for a shunt monitor.</param>
/// <param name="Rail">The rail it measures (<c>board</c> for the board total).</param>
public sealed record SensorWiring(string Kind, int? Bus, int? Address, double? ShuntOhms, string? Rail);

/// <summary>A bench file: its name and boards.</summary>
/// <param name="Name">The bench's name.</param>
/// <param name="Path">The file it was read from.</param>
/// <param name="Boards">Its boards, in file order.</param>
public sealed record Bench(string Name, string Path, IReadOnlyList<BoardEntry> Boards);
