using System.Text.RegularExpressions;

namespace QSLM.Agent.Simulation;

/// <summary>
/// The identity a simulated board states (the simulated board file's <c>identity</c> object): written into its fake
/// tree as the files a real board has, so the agent reads it back the way it reads a real board's. A firmware of the
/// form <c>L4T R36.3.0</c> is written as a JetPack <c>etc/nv_tegra_release</c> line, any other as DMI's <c>bios_version</c>.
/// </summary>
/// <param name="HostName">The host name (<c>proc/sys/kernel/hostname</c>).</param>
/// <param name="Model">The model (<c>proc/device-tree/model</c>, NUL-terminated as the device tree has it).</param>
/// <param name="Serial">The serial (<c>proc/device-tree/serial-number</c>).</param>
/// <param name="Kernel">The kernel release (<c>proc/sys/kernel/osrelease</c>).</param>
/// <param name="Firmware">The firmware release.</param>
internal sealed partial record SimulatedIdentity(string? HostName, string? Model, string? Serial, string? Kernel, string? Firmware)
{
    /// <summary>Writes the files under <paramref name="root"/>; a field not stated is not written.</summary>
    public void WriteTree(string root)
    {
        void Write(string path, string? text)
        {
            if (text is null) return;
            var file = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, text);
        }
        Write("proc/sys/kernel/hostname", HostName is null ? null : HostName + "\n");
        Write("proc/device-tree/model", Model is null ? null : Model + "\0");
        Write("proc/device-tree/serial-number", Serial is null ? null : Serial + "\0");
        Write("proc/sys/kernel/osrelease", Kernel is null ? null : Kernel + "\n");
        if (Firmware is null) return;
        if (L4t().Match(Firmware) is { Success: true } release)
            Write("etc/nv_tegra_release", $"# R{release.Groups[1].Value} (release), REVISION: {release.Groups[2].Value}, GCID: 0, BOARD: simulated, EABI: aarch64, DATE: simulated\n");
        else
            Write("sys/class/dmi/id/bios_version", Firmware + "\n");
    }

    [GeneratedRegex(@"^L4T R(\d+)\.(\d+(?:\.\d+)?)$")]
    private static partial Regex L4t();
}
