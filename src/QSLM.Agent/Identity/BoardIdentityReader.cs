using System.Runtime.InteropServices;
using QSLM.Protocol.Messages;
using QSLM.Sensors.Board.Programs;

namespace QSLM.Agent.Identity;

/// <summary>
/// Reads which board the agent runs on, once when it starts serving, from the files the kernel and the vendors
/// publish (each under the agent's sensor root, so a simulated board's fake tree can state them): the host name and
/// kernel release from procfs (proc(5)), the model and serial from the device tree (Linux
/// Documentation/devicetree/usage-model.rst; the Pi's and Jetson's firmware fill <c>model</c> and <c>serial-number</c>)
/// else from DMI (Documentation/ABI/testing/sysfs-firmware-dmi-tables), and the firmware from NVIDIA's
/// <c>/etc/nv_tegra_release</c>, else <c>vcgencmd version</c> on a Raspberry Pi, else DMI's <c>bios_version</c>.
/// A file that is missing or unreadable (DMI's serial is root's only) gives null, never a failed hello.
/// </summary>
internal static class BoardIdentityReader
{
    /// <summary>The identity of the board under <paramref name="root"/>, running programs from <paramref name="programDirectories"/>.</summary>
    public static BoardIdentity Read(string root, IReadOnlyList<string> programDirectories)
    {
        string? File(string path) => ReadText(Path.Combine(root, path));
        var firmware = L4tRelease(File("etc/nv_tegra_release"))
            ?? VcgencmdVersion(programDirectories)
            ?? File("sys/class/dmi/id/bios_version");
        return new BoardIdentity(
            File("proc/sys/kernel/hostname") ?? Environment.MachineName,
            File("proc/device-tree/model") ?? File("sys/class/dmi/id/product_name"),
            File("proc/device-tree/serial-number") ?? File("sys/class/dmi/id/product_serial"),
            File("proc/sys/kernel/osrelease") ?? RuntimeInformation.OSDescription,
            firmware);
    }

    /// <summary>
    /// The L4T release of an <c>/etc/nv_tegra_release</c> file, as JetPack writes its first line
    /// (<c># R35 (release), REVISION: 4.1, GCID: ..., BOARD: ..., EABI: aarch64, DATE: ...</c>): <c>L4T R35.4.1</c>;
    /// null when <paramref name="text"/> is null or not of that form.
    /// </summary>
    public static string? L4tRelease(string? text)
    {
        if (text is null) return null;
        var line = text.Split('\n', StringSplitOptions.TrimEntries).FirstOrDefault(l => l.StartsWith("# R", StringComparison.Ordinal));
        if (line is null) return null;
        var major = new string([.. line[3..].TakeWhile(char.IsAsciiDigit)]);
        const string revision = "REVISION:";
        var at = line.IndexOf(revision, StringComparison.Ordinal);
        if (major.Length == 0 || at < 0) return null;
        var minor = new string([.. line[(at + revision.Length)..].TrimStart().TakeWhile(c => char.IsAsciiDigit(c) || c == '.')]).TrimEnd('.');
        return minor.Length == 0 ? null : $"L4T R{major}.{minor}";
    }

    /// <summary>
    /// The firmware's build date from <c>vcgencmd version</c>'s output (its first line, e.g. <c>Mar 17 2023 10:50:39</c>,
    /// then a copyright line and the version hash) as <c>Raspberry Pi firmware Mar 17 2023 10:50:39</c>; null when there is none.
    /// </summary>
    public static string? VcgencmdDate(string? output) =>
        output?.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() is { } date
            ? "Raspberry Pi firmware " + date
            : null;

    /// <summary>A sysfs or procfs text trimmed of the NUL the device tree ends its strings with and of white space;
    /// null when missing, unreadable or empty.</summary>
    public static string? ReadText(string path)
    {
        try
        {
            var text = System.IO.File.ReadAllText(path).Trim('\0', ' ', '\n', '\r', '\t');
            return text.Length == 0 ? null : text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // The board's own vcgencmd, found like the other fixed programs the agent runs; a board without it has none.
    private static string? VcgencmdVersion(IReadOnlyList<string> programDirectories) =>
        programDirectories.Select(d => Path.Combine(d, "vcgencmd")).FirstOrDefault(System.IO.File.Exists) is { } vcgencmd
            ? VcgencmdDate(ProgramOutput.Run(vcgencmd, "version"))
            : null;
}
