using QSLM.Agent.Identity;
using QSLM.Agent.Tests.Serve;
using QSLM.Protocol;
using QSLM.Protocol.Messages;

namespace QSLM.Agent.Tests.Identity;

/// <summary>The agent's hello carries the identity of the machine it serves on.</summary>
public sealed class HelloIdentityTests
{
    [Fact]
    public async Task The_hello_names_the_machine_the_agent_runs_on()
    {
        using var temp = new TemporaryFolder();
        var hello = Assert.IsType<HelloReply>(await new ScriptedAgent(temp.Path).AskAsync(new Hello(ProtocolLimits.Version, "test")));

        var identity = Assert.IsType<BoardIdentity>(hello.Identity);
        Assert.Equal(BoardIdentityReader.ReadText("/proc/sys/kernel/hostname") ?? Environment.MachineName, identity.HostName);
        Assert.Equal(BoardIdentityReader.ReadText("/proc/sys/kernel/osrelease") ?? System.Runtime.InteropServices.RuntimeInformation.OSDescription, identity.Kernel);
    }
}
