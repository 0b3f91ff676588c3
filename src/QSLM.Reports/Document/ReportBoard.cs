namespace QSLM.Reports.Document;

/// <summary>A board as the report names it.</summary>
/// <param name="Name">Its name in the bench file.</param>
/// <param name="Reached">How it was reached (transport and address; never a secret).</param>
/// <param name="Profile">Its firmware profile.</param>
/// <param name="HostName">Its host name, as its agent reported.</param>
/// <param name="Model">Its model, as its agent reported.</param>
/// <param name="Serial">Its serial number, as its agent reported.</param>
/// <param name="Kernel">Its kernel release.</param>
/// <param name="Firmware">Its firmware or JetPack release.</param>
/// <param name="AgentVersion">The agent's version and runtime.</param>
/// <param name="Settings">The profile's settings as read back from the board, in words, or null when none were pinned.</param>
/// <param name="Sensors">The sensors that measured it.</param>
public sealed record ReportBoard(string Name, string Reached, string? Profile, string? HostName, string? Model, string? Serial, string? Kernel, string? Firmware,
    string? AgentVersion, string? Settings, IReadOnlyList<ReportSensor> Sensors);

/// <summary>A sensor that measured a board.</summary>
/// <param name="Spec">Its spec (<c>jetson:VDD_IN</c>, <c>ina219:1:0x40:0.1</c>).</param>
/// <param name="Source">The tag its figures carry.</param>
/// <param name="Calibration">Its calibration record in words (date, points, gain and offset, reference instrument), or "none".</param>
public sealed record ReportSensor(string Spec, string Source, string Calibration);
