using QSLM.Farm.Lava;

namespace QSLM.Harness.Farms;

/// <summary>A search's board tier on a LAVA farm: the server, the devices (type and tags) and, optionally, the board of
/// the search's bench file that describes them (its profile's sensors, settings and memory budget, its board-side
/// meters and the board file a simulated device's agent simulates).</summary>
/// <param name="Client">The server (owned by whoever opened it).</param>
/// <param name="Options">The device type, tags, agent runtime and artifact address.</param>
/// <param name="Board">The bench's board that describes the devices, or null: no profile, power estimated.</param>
public sealed record LavaSearch(LavaClient Client, LavaQualifyOptions Options, string? Board)
{
    /// <summary>The devices in words, for the manifest.</summary>
    public string Describe() => $"the healthy '{Options.DeviceType}' devices{(Options.Tags.Count > 0 ? $" tagged {string.Join(" and ", Options.Tags)}" : "")} of LAVA at {Client.Server}"
        + (Board is null ? "" : $", described by board {Board}");
}
