using QSLM.Farm.Lava;

namespace QSLM.Harness.Farms;

/// <summary>How a qualification runs on LAVA.</summary>
/// <param name="Settings">The server and its token.</param>
/// <param name="DeviceType">The device type whose healthy devices run the models.</param>
/// <param name="AgentRuntime">The runtime id of the self-contained agent the boards get (their CPU and OS).</param>
/// <param name="ArtifactAddress">The address on the farm's network the boards fetch the artifacts from.</param>
/// <param name="HostVersion">QSLM's version, for the agent's hello.</param>
public sealed record LavaQualifyOptions(LavaSettings Settings, string DeviceType, string AgentRuntime, string ArtifactAddress, string HostVersion)
{
    /// <summary>How long a job's test shell may run.</summary>
    public int TestMinutes { get; init; } = 20;

    /// <summary>How often a job is polled.</summary>
    public TimeSpan Poll { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A folder of job templates over the built-in ones, or null.</summary>
    public string? TemplatesFolder { get; init; }

    /// <summary>Tags a device must carry, every one, to get work (LAVA's device tags: a lab's grouping of its boards).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Where each job's LAVA JUnit and log are kept, or null.</summary>
    public string? JobsFolder { get; init; }
}
