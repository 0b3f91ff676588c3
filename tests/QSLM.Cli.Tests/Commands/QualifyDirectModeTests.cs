using System.Text.Json;
using QSLM.History.Records;
using QSLM.History.Store;

namespace QSLM.Cli.Tests.Commands;

/// <summary>
/// <c>qslm qualify</c> in direct mode, without a farm engine: a board is held by one QSLM process at a time (a second
/// stops with the holder named, or waits for it), and a board that hangs is power-cycled through the bench file's
/// <c>power_switch</c> and the run goes on. The boards are this machine's agent with a simulated board that hangs while
/// a flag file exists; the power switch is a script that removes the flag.
/// </summary>
public sealed class QualifyDirectModeTests(QualifyCommandTests.PackedSst2 model) : IClassFixture<QualifyCommandTests.PackedSst2>, IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-direct-");

    public void Dispose() => _temp.Dispose();

    private string Flag => _temp.File("lab/hung.flag");

    // A bench of one local board whose simulated board hangs while the flag exists, with the power switch given.
    private string Bench(string? powerSwitch = null)
    {
        Directory.CreateDirectory(_temp.File("lab"));
        SimulatedBoardFiles.Write(_temp.File("lab/hangs.json"), "hangs", "ina219", extra: "\"hungWhile\": \"hung.flag\"");
        var bench = _temp.File("lab/bench.yaml");
        File.WriteAllText(bench, "bench: direct\nboards:\n  - name: flaky\n    link: local\n    simulated_board: hangs.json\n"
            + (powerSwitch is null ? "" : $"    power_switch: \"{powerSwitch}\"\n"));
        return bench;
    }

    private string[] Qualify(string bench, string name, params string[] more) =>
        ["qualify", model.Path, "--bench", bench, "--out", _temp.File(name), "--history", _temp.File(name + ".db"), "--sst2-sentences", "4",
            "--board-tokens", "8", "--board-repeats", "3", "--tolerance", "0", .. more];

    [Fact]
    public void A_second_process_asking_for_a_held_board_stops_with_the_holder_named_or_waits_for_it_and_then_runs()
    {
        var bench = Bench();
        File.WriteAllText(Flag, "hung");
        using var first = new RunningQslm(Qualify(bench, "first"));
        first.WaitFor("board flaky: connecting");

        var refused = QslmProcess.Run(Qualify(bench, "refused"));
        using var waiting = new RunningQslm(Qualify(bench, "waited", "--board-wait", "600"));
        waiting.WaitFor("is in use by");
        File.Delete(Flag);
        var firstDone = first.Wait();
        var waited = waiting.Wait();

        Assert.True(refused.ExitCode == 3, refused.StdOut + refused.StdErr);
        Assert.Contains($"board flaky is in use by pid {first.Id} on {Environment.MachineName}", refused.StdOut, StringComparison.Ordinal);
        Assert.Contains("--board-wait", refused.StdOut, StringComparison.Ordinal);
        Assert.True(firstDone.ExitCode == 0, firstDone.StdOut + firstDone.StdErr);
        Assert.True(waited.ExitCode == 0, waited.StdOut + waited.StdErr);
        Assert.Contains($"board flaky is in use by pid {first.Id}", waited.StdOut, StringComparison.Ordinal);
        Assert.Contains("waiting up to 600 s", waited.StdOut, StringComparison.Ordinal);
        // The one that waited was running while the first held the board, ended after it, and ran the same checks.
        var (firstRun, waitedRun) = (Run("first").Summary, Run("waited").Summary);
        Assert.True(waitedRun.Started < firstRun.Ended && waitedRun.Ended > firstRun.Ended, $"first {firstRun.Started:O}..{firstRun.Ended:O}, waited {waitedRun.Started:O}..{waitedRun.Ended:O}");
        Assert.Equal(Checks("first"), Checks("waited"));
    }

    [Fact]
    public void A_board_that_hangs_is_power_cycled_through_its_power_switch_and_the_run_goes_on_with_the_failure_counted_as_infrastructure()
    {
        var cycled = _temp.File("lab/cycled.txt");
        var bench = Bench($"rm -f '{Flag}' && echo {{board}} >> '{cycled}'");
        File.WriteAllText(Flag, "hung");

        var result = QslmProcess.Run(Qualify(bench, "cycled", "--hang-timeout", "5"));

        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        Assert.Equal("flaky", File.ReadAllText(cycled).Trim());
        Assert.Contains("board flaky: stopped answering", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("1 infrastructure incident recovered", result.StdOut, StringComparison.Ordinal);
        // Every check was decided on the board after the power cycle: none is an error, none failed.
        var checks = Checks("cycled");
        Assert.Equal(7, checks.Count);
        Assert.DoesNotContain(checks, c => c.Status is "error" or "failed");
        Assert.Equal("passed", checks.Single(c => c.Check == "agreement").Status);
        var run = Run("cycled");
        Assert.Contains("power-cycled", Assert.Single(run.Provenance, p => p.Key.StartsWith("infrastructure_incident.", StringComparison.Ordinal)).Value, StringComparison.Ordinal);
        var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_temp.File("cycled"), "report.json"))).RootElement;
        Assert.Contains(report.GetProperty("notes").EnumerateArray(), n => n.GetString()!.StartsWith("infrastructure incident, recovered: board flaky", StringComparison.Ordinal));
    }

    private List<(string Check, string Status)> Checks(string name) =>
        [.. JsonDocument.Parse(File.ReadAllText(Path.Combine(_temp.File(name), "report.json"))).RootElement.GetProperty("checks").EnumerateArray()
            .Select(c => (c.GetProperty("check").GetString()!, c.GetProperty("status").GetString()!))];

    private RunRecord Run(string name)
    {
        using var history = SqliteRunHistory.Open(_temp.File(name + ".db"));
        return history.Load(Assert.Single(history.List(new RunFilter())).Id)!;
    }
}
