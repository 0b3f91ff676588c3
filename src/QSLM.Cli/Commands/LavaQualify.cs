using QSLM.Farm.Lava;
using QSLM.Harness.Boards;
using QSLM.Harness.Farms;
using QSLM.Harness.Reporting;

namespace QSLM.Cli.Commands;

/// <summary><c>qualify --lava</c>'s farm, checked before the run is recorded: the token found, the device type's job
/// template and the agent present, and at least one healthy device of the type.</summary>
/// <param name="Client">The server's client.</param>
/// <param name="Options">How the run goes there.</param>
/// <param name="Devices">The healthy devices of the type, by name.</param>
internal sealed record LavaQualify(LavaClient Client, LavaQualifyOptions Options, IReadOnlyList<string> Devices)
{
    public static async Task<LavaQualify> OpenAsync(string url, string? config, string deviceType, string runtime, string address, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        var settings = LavaSettings.Resolve(url, config);
        JobDefinition.Template(deviceType);
        AgentArtifacts.SelfContainedFolder(runtime);
        var options = new LavaQualifyOptions(settings, deviceType, runtime, address, QslmBuild.Version) { Tags = tags };
        var client = new LavaClient(settings);
        try
        {
            var devices = await new LavaQualifyBackend(client, options).HealthyDevicesAsync(cancellationToken);
            return new LavaQualify(client, options, [.. devices.Select(d => d.Hostname)]);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>The backend, keeping each job's LAVA JUnit and log in <paramref name="jobsFolder"/>.</summary>
    public LavaQualifyBackend Backend(string jobsFolder) => new(Client, Options with { JobsFolder = jobsFolder });
}
