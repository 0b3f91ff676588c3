using System.Text.Json.Serialization;

namespace QSLM.Protocol.Messages;

/// <summary>
/// Which board answered, as its agent reads it from the board itself, so a report names the very board a figure
/// was taken on. Each field is what the kernel or the vendor's release file says, or null where the board does not
/// say it (a container has no device tree; only Jetsons have <c>/etc/nv_tegra_release</c>).
/// </summary>
/// <param name="HostName">The board's host name (<c>/proc/sys/kernel/hostname</c>).</param>
/// <param name="Model">The board's model: the device tree's <c>model</c>, else DMI's <c>product_name</c>.</param>
/// <param name="Serial">The board's serial: the device tree's <c>serial-number</c>, else DMI's <c>product_serial</c> where readable.</param>
/// <param name="Kernel">The kernel release (<c>/proc/sys/kernel/osrelease</c>).</param>
/// <param name="Firmware">The firmware release: the Jetson's L4T line of <c>/etc/nv_tegra_release</c>, else the
/// Raspberry Pi's <c>vcgencmd version</c> date, else DMI's <c>bios_version</c>.</param>
/// <remarks>The fields a board may not know travel as null, never left out: the protocol's reader requires every
/// member of a positional record.</remarks>
public sealed record BoardIdentity(
    string HostName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Model,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Serial,
    string Kernel,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Firmware);
