namespace QSLM.History.Records;

/// <summary>A board as a run found it: its name in the bench, its profile, and the identity its agent reported.</summary>
/// <param name="Name">The board's name in its bench file.</param>
/// <param name="Profile">Its firmware profile, or null.</param>
/// <param name="HostName">The board's host name.</param>
/// <param name="Model">Its model (device tree, DMI), when readable.</param>
/// <param name="Serial">Its serial number, when readable.</param>
/// <param name="Kernel">Its kernel release.</param>
/// <param name="Firmware">Its firmware or JetPack (L4T) release, when readable.</param>
/// <param name="Settings">The profile's settings as read back, in words, or null.</param>
public sealed record BoardRecord(string Name, string? Profile, string? HostName, string? Model, string? Serial, string? Kernel, string? Firmware, string? Settings);
