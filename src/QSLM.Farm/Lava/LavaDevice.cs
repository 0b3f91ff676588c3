namespace QSLM.Farm.Lava;

/// <summary>A device as <c>/api/v0.2/devices/</c> gives it.</summary>
/// <param name="Hostname">Its name.</param>
/// <param name="DeviceType">Its device type.</param>
/// <param name="State">Idle, Reserved or Running.</param>
/// <param name="Health">Good, Unknown, Looping, Bad, Maintenance or Retired.</param>
/// <param name="Worker">The worker it hangs off.</param>
public sealed record LavaDevice(string Hostname, string DeviceType, string State, string Health, string? Worker)
{
    /// <summary>The ids of its tags (<see cref="LavaClient.TagsAsync"/> names them).</summary>
    public IReadOnlyList<int> TagIds { get; init; } = [];

    /// <summary>The health LAVA gives a device it trusts (<c>Good</c>).</summary>
    public const string Good = "Good";

    /// <summary>Whether work may be sent to it: its health is Good.</summary>
    public bool IsHealthy => Health == Good;
}
