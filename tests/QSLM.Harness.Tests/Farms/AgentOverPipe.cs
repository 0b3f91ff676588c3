using System.Diagnostics;
using QSLM.Harness.Boards;

namespace QSLM.Harness.Tests.Farms;

/// <summary>The real <c>qslm-agent serve</c> fed a written session on its input, as <c>qslm-board.sh</c> feeds it on a
/// farm's board: the input stays open until the agent has left (an input that ends is a host that went away mid-run).</summary>
internal static class AgentOverPipe
{
    /// <summary>The agent's answers to <paramref name="session"/>, the agent serving <paramref name="root"/> with
    /// <paramref name="options"/> after it.</summary>
    public static byte[] Serve(string root, byte[] session, params string[] options)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { AgentArtifacts.AgentDll, "serve", "--root", root }.Concat(options)) start.ArgumentList.Add(a);
        using var agent = Process.Start(start)!;
        var stdout = new MemoryStream();
        var copy = agent.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = agent.StandardError.ReadToEndAsync();
        agent.StandardInput.BaseStream.Write(session);
        agent.StandardInput.BaseStream.Flush();
        Assert.True(agent.WaitForExit(TimeSpan.FromMinutes(2)), "the agent did not finish its session");
        agent.StandardInput.Close();
        copy.GetAwaiter().GetResult();
        Assert.True(agent.ExitCode == 0, stderr.GetAwaiter().GetResult());
        return stdout.ToArray();
    }
}
