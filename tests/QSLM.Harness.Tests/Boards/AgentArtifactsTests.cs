using QSLM.Boards.Inventory;
using QSLM.Boards.Transports.Ssh;
using QSLM.Errors;
using QSLM.Harness.Boards;

namespace QSLM.Harness.Tests.Boards;

/// <summary>Which agent a board gets, from the agents built beside the program (these tests' folder holds
/// them as qslm's does: the build places them there).</summary>
public sealed class AgentArtifactsTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-agent-artifacts-");

    public void Dispose() => _temp.Dispose();

    private static BoardEntry Ssh(string? profile = null) =>
        new("board", profile, BoardLink.Ssh, new SshEntry("127.0.0.1", 22, "pi", "/nonexistent/key", HostKeyPin.Fingerprint("SHA256:" + Convert.ToBase64String(new byte[32]).TrimEnd('=')), "qslm"), null, null, [], null);

    [Fact]
    public void An_ssh_board_without_a_profile_gets_the_self_contained_arm64_agent_built_beside_the_program()
    {
        var deployment = new AgentArtifacts(_temp.Path).For(Ssh(), null);
        var bundle = Assert.IsType<AgentBundle>(deployment.Bundle);
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "agents", "linux-arm64"), bundle.Folder);
        Assert.Equal(AgentArtifacts.Executable, bundle.EntryPoint);
        Assert.Null(bundle.Runner);
        Assert.True(File.Exists(Path.Combine(bundle.Folder, bundle.EntryPoint)));
        // Nothing is published or cached at run time.
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void An_ssh_board_whose_boards_have_dotnet_gets_the_framework_dependent_agent()
    {
        var deployment = new AgentArtifacts(_temp.Path) { BoardsHaveDotnet = true }.For(Ssh(), null);
        var bundle = Assert.IsType<AgentBundle>(deployment.Bundle);
        Assert.Equal("dotnet", bundle.Runner);
        Assert.Equal("qslm-agent.dll", bundle.EntryPoint);
    }

    [Fact]
    public void A_runtime_no_agent_was_built_for_is_refused_naming_those_that_were()
    {
        var refused = Assert.Throws<InputException>(() => AgentArtifacts.SelfContainedFolder("linux-riscv64"));
        Assert.Contains("no self-contained agent for linux-riscv64", refused.Message);
        Assert.Contains("linux-arm64, linux-x64", refused.Message);
    }
}
