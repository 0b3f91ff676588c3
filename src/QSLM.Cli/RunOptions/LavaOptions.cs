using System.CommandLine;
using QSLM.Cli.Commands;
using QSLM.Harness.Boards;

namespace QSLM.Cli.RunOptions;

/// <summary>The options that send a command's board work to a LAVA farm (<c>--lava</c> and the options that go with
/// it), shared by every command that can run there so they read and behave alike.</summary>
internal sealed class LavaOptions
{
    /// <param name="what">What <c>--lava</c> does in the command, in words.</param>
    public LavaOptions(string what)
    {
        Url = new Option<string?>("--lava") { Description = what + " The token comes from $QSLM_LAVA_TOKEN or --lava-config (docs/farm.md)." };
    }

    /// <summary><c>--lava URL</c>.</summary>
    public Option<string?> Url { get; }

    /// <summary><c>--device-type</c>.</summary>
    public Option<string> DeviceType { get; } = new("--device-type") { Description = "With --lava: the LAVA device type to run on (a job template per type: farm/lava/templates).", DefaultValueFactory = _ => "ssh" };

    /// <summary><c>--lava-config</c>.</summary>
    public Option<string?> Config { get; } = new("--lava-config") { Description = "With --lava: the file holding the token (url:, token:; mode 0600). Default: $QSLM_LAVA_CONFIG, else ~/.config/qslm/lava.yaml." };

    /// <summary><c>--lava-agent-runtime</c>.</summary>
    public Option<string> AgentRuntime { get; } = new("--lava-agent-runtime") { Description = "With --lava: the runtime id of the self-contained agent the devices get.", DefaultValueFactory = _ => AgentArtifacts.DefaultRemoteRuntime };

    /// <summary><c>--lava-artifact-address</c>.</summary>
    public Option<string> ArtifactAddress { get; } = new("--lava-artifact-address") { Description = "With --lava: the address on the farm's network the devices fetch the agent and the models from (qslm serves them over HTTP there while the run lasts).", DefaultValueFactory = _ => "127.0.0.1" };

    /// <summary><c>--lava-tag</c>.</summary>
    public Option<string[]> Tags { get; } = new("--lava-tag") { Description = "With --lava: only devices of --device-type carrying this LAVA device tag (repeat: every tag given)." };

    /// <summary>The tags <paramref name="parse"/> gives (none when not given).</summary>
    public IReadOnlyList<string> TagsOf(ParseResult parse) => parse.GetValue(Tags) ?? [];

    /// <summary>Opens the farm at <paramref name="url"/> as <paramref name="parse"/> says: the token found, the device
    /// type's job template and the agent present, and at least one healthy device of the type.</summary>
    public Task<LavaQualify> OpenAsync(ParseResult parse, string url, CancellationToken cancellationToken) =>
        LavaQualify.OpenAsync(url, parse.GetValue(Config), parse.GetValue(DeviceType)!, parse.GetValue(AgentRuntime)!, parse.GetValue(ArtifactAddress)!, TagsOf(parse), cancellationToken);
}
