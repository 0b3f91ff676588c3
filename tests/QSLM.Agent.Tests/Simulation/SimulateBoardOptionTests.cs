namespace QSLM.Agent.Tests.Simulation;

/// <summary><c>serve --simulate-board</c> refuses what it must not do before it serves anything.</summary>
public sealed class SimulateBoardOptionTests
{
    [Fact]
    public void A_simulated_jetson_is_never_written_over_the_real_root()
    {
        using var temp = new TemporaryFolder();
        var file = SimulatedBoardFiles.Write(temp.File("b.json"), "sim", "jetson-ina3221");
        var result = AgentProcess.RunBuilt("serve", "--root", temp.File("agent"), "--simulate-board", file, "--sensors-root", "/");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--sensors-root", result.StdErr);
    }

    [Fact]
    public void A_board_file_that_is_not_json_is_bad_input()
    {
        using var temp = new TemporaryFolder();
        File.WriteAllText(temp.File("b.json"), "kind: jetson");
        var result = AgentProcess.RunBuilt("serve", "--root", temp.File("agent"), "--simulate-board", temp.File("b.json"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--simulate-board", result.StdErr);
    }
}
