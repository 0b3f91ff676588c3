using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using QSLM.History.Records;
using QSLM.History.Store;

namespace QSLM.Farm.Tests.Lava.RealLava;

/// <summary>
/// <c>qslm qualify --lava</c> against a real LAVA on 127.0.0.1: jobs submitted through the REST API, run by the two
/// <c>ssh</c> devices in parallel, results back in the run history and the reports; and a board's sshd stopped mid-job,
/// which LAVA ends Incomplete with an infrastructure error and QSLM runs again on the other device.
/// </summary>
[Collection(LavaCollection.Name)]
public sealed partial class LavaQualifyTests(LavaFarm farm) : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-lava-qualify-");

    public void Dispose() => _temp.Dispose();

    private IReadOnlyDictionary<string, string> Environment => farm.ChildEnvironment;

    private string[] Qualify(string output, string history, int tokens, int repeats, params string[] models) =>
        ["qualify", .. models, "--lava", farm.Url, "--lava-config", farm.ConfigPath, "--device-type", "ssh", "--lava-agent-runtime", "linux-x64",
            "--out", output, "--history", history, "--sst2-sentences", "4", "--board-tokens", tokens.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--board-repeats", repeats.ToString(System.Globalization.CultureInfo.InvariantCulture), "--tolerance", "0"];

    private static List<JsonElement> Checks(string output) =>
        [.. JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json"))).RootElement.GetProperty("checks").EnumerateArray()];

    private static string Text(JsonElement check, string name) => check.GetProperty(name).GetString()!;

    private static RunRecord OnlyRun(string history)
    {
        using var store = SqliteRunHistory.Open(history);
        return store.Load(Assert.Single(store.List(new RunFilter())).Id)!;
    }

    private static IReadOnlyList<int> JobIds(string stdout) => [.. JobLine().Matches(stdout).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct()];

    [GeneratedRegex(@"LAVA job (\d+) \(")]
    private static partial Regex JobLine();

    [Fact]
    public async Task Qualify_runs_one_job_per_device_in_parallel_with_checks_in_history_and_junit_identical_to_the_direct_mode_and_no_token_anywhere()
    {
        farm.Require();
        var output = _temp.File("lava");
        var history = _temp.File("history.db");

        // Both boards carry the farm's tag, as a lab's pool would.
        var result = ChildProcess.Run(Path.Combine(AppContext.BaseDirectory, "qslm"), [.. Qualify(output, history, 8, 3, farm.Int8, farm.Int4), "--lava-tag", "qslm-loopback"], Environment, RepositoryFiles.Root);

        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        var checks = Checks(output);
        Assert.Equal(2 * 7, checks.Count);
        // The two models went to the two devices, one job each, and the jobs overlapped in time.
        Assert.Equal(LavaFarm.Devices, checks.Select(c => Text(c, "board")).Distinct().Order(StringComparer.Ordinal));
        var ids = JobIds(result.StdOut);
        Assert.Equal(2, ids.Count);
        using var client = farm.Client();
        var jobs = await Task.WhenAll(ids.Select(id => client.JobAsync(id)));
        Assert.All(jobs, j => Assert.Equal("Complete", j.Health));
        Assert.True(jobs[0].Started < jobs[1].Ended && jobs[1].Started < jobs[0].Ended,
            $"jobs {jobs[0].Id} ({jobs[0].Started:O} to {jobs[0].Ended:O}) and {jobs[1].Id} ({jobs[1].Started:O} to {jobs[1].Ended:O}) did not overlap");
        // LAVA holds each model's result and the measurements the board stated, with their units.
        var tests = await client.TestsAsync(ids[0]);
        Assert.Contains(tests, t => t.Name.EndsWith(".qslm", StringComparison.Ordinal) && t.Passed);
        Assert.Contains(tests, t => t.Name.EndsWith(".peak-rss", StringComparison.Ordinal) && t.Unit == "B" && t.Measurement > 0);

        foreach (var check in checks) Assert.NotEqual("error", Text(check, "status"));
        Assert.All(checks.Where(c => Text(c, "check") == "agreement"), c => Assert.Equal("passed", Text(c, "status")));
        var run = OnlyRun(history);
        Assert.Equal(RunStatus.Completed, run.Summary.Status);
        Assert.Equal(checks.Count, run.Verdicts.Count);
        Assert.Equal(LavaFarm.Devices, run.Boards.Select(b => b.Name).Order(StringComparer.Ordinal));
        Assert.All(run.Boards, b => Assert.False(string.IsNullOrEmpty(b.HostName) || string.IsNullOrEmpty(b.Kernel), b.Name));
        Assert.Equal(2, run.Measurements.Count(m => m.Quantity == Quantities.LatencyP50 && m.Value > 0));
        var junit = JUnitSchema.Load(Path.Combine(output, "report.junit.xml"));
        Assert.Contains("sst2-int4.qslm", junit.ToString());
        Assert.All(ids, id => Assert.True(File.Exists(Path.Combine(output, "lava-jobs", $"lava-job-{id}.junit.xml"))));

        // The same models on this machine in the direct mode: the same checks, decided the same way.
        var direct = _temp.File("direct");
        var local = ChildProcess.Run(Path.Combine(AppContext.BaseDirectory, "qslm"),
            ["qualify", farm.Int8, farm.Int4, "--bench", Path.Combine(RepositoryFiles.Root, "hardware", "local.yaml"), "--board", "local", "--out", direct,
                "--history", _temp.File("direct.db"), "--sst2-sentences", "4", "--board-tokens", "8", "--board-repeats", "3", "--tolerance", "0"], Environment, RepositoryFiles.Root);
        Assert.True(local.ExitCode == 0, local.StdOut + local.StdErr);
        static IEnumerable<string> Decided(List<JsonElement> all) =>
            all.Select(c => $"{Text(c, "model")} {Text(c, "check")} {Text(c, "status")}").Order(StringComparer.Ordinal);
        Assert.Equal(Decided(Checks(direct)), Decided(checks));

        // The token is in no output, no report, no history and no job definition.
        Assert.DoesNotContain(farm.Token, result.StdOut + result.StdErr);
        foreach (var file in Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Append(history))
            Assert.False(File.ReadAllText(file, Encoding.Latin1).Contains(farm.Token, StringComparison.Ordinal), file);
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Token", farm.Token);
        foreach (var id in ids)
        {
            var definition = JsonDocument.Parse(await http.GetStringAsync($"{farm.Url}/api/v0.2/jobs/{id}/")).RootElement.GetProperty("definition").GetString()!;
            Assert.DoesNotContain(farm.Token, definition);
        }
    }

    [Fact]
    public async Task A_board_whose_sshd_stops_mid_job_is_an_infrastructure_failure_retried_on_the_other_device_without_failing_the_model()
    {
        farm.Require();
        var output = _temp.File("lava");
        var history = _temp.File("history.db");
        using var client = farm.Client();
        // A workload of about half a minute, so the board can be stopped while its test shell runs: the first job goes to
        // the first healthy device, qslm-ssh-01 (board 1).
        using var qslm = await RunningQualify.UntilTestShellAsync(client, Qualify(output, history, 256, 150, farm.Int8).Append("--lava-maintenance-after").Append("1"));
        try
        {
            var first = qslm.FirstJob;
            Assert.Equal(LavaFarm.Devices[0], (await client.JobAsync(first)).Device);
            var stop = LavaFarm.Script("board", "stop", "1", farm.Run);
            Assert.True(stop.ExitCode == 0, stop.StdErr);

            var said = await qslm.AllOutputAsync(TimeSpan.FromMinutes(5));
            Assert.True(qslm.Process.ExitCode == 0, said);
            var failed = await client.JobAsync(first);
            Assert.Equal("Incomplete", failed.Health);
            Assert.Contains("Incomplete, Infrastructure", said);
            Assert.Contains($"running its models again on {LavaFarm.Devices[1]}", said);
            // Every check of the model was decided on the other device; none failed and none is an error.
            var checks = Checks(output);
            Assert.Equal(7, checks.Count);
            Assert.All(checks, c => Assert.Equal(LavaFarm.Devices[1], Text(c, "board")));
            Assert.All(checks, c => Assert.Contains(Text(c, "status"), new[] { "passed", "not-run" }));
            var run = OnlyRun(history);
            Assert.DoesNotContain(run.Verdicts, v => v.Status is "failed" or "error");
            Assert.Equal([LavaFarm.Devices[1]], run.Boards.Select(b => b.Name));
            // The failure is an incident the run recovered from, and with permission the device went into maintenance.
            Assert.Contains(run.Provenance, p => p.Key.StartsWith("infrastructure_incident.", StringComparison.Ordinal) && p.Value.StartsWith($"board {LavaFarm.Devices[0]}: ", StringComparison.Ordinal));
            Assert.Contains($"lava: device {LavaFarm.Devices[0]} failed for infrastructure in this run: put into maintenance", said);
            Assert.Equal("Maintenance", (await client.DevicesAsync()).Single(d => d.Hostname == LavaFarm.Devices[0]).Health);
        }
        finally
        {
            if (!qslm.Process.HasExited) qslm.Process.Kill(entireProcessTree: true);
            // The board comes back and its health is restored through the API, so later work may use it.
            var back = LavaFarm.Script("board", "start", "1", farm.Run);
            Assert.True(back.ExitCode == 0, back.StdErr);
            await client.SetHealthAsync(LavaFarm.Devices[0], "GOOD", "the board's sshd runs again (QSLM's infrastructure-failure test)");
        }
        var devices = await client.DevicesAsync();
        Assert.All(devices.Where(d => LavaFarm.Devices.Contains(d.Hostname)), d => Assert.Equal("Good", d.Health));
    }

    [Fact]
    public async Task A_qualification_stopped_by_its_user_cancels_its_running_jobs_on_the_farm()
    {
        farm.Require();
        using var client = farm.Client();
        // A workload of about half a minute, so the job is still running when qslm is stopped.
        using var qslm = await RunningQualify.UntilTestShellAsync(client, Qualify(_temp.File("stopped"), _temp.File("stopped.db"), 256, 150, farm.Int8));
        var job = qslm.FirstJob;
        Assert.False((await client.JobAsync(job)).IsFinished, "the job ended before qslm was stopped");

        // Ctrl+C, as a user at a terminal stops it.
        using (var interrupt = Process.Start("kill", ["-INT", qslm.Process.Id.ToString(CultureInfo.InvariantCulture)])) await interrupt.WaitForExitAsync();
        var said = await qslm.AllOutputAsync(TimeSpan.FromMinutes(1));
        Assert.Contains($"LAVA job {job} cancelled", said);
        var ended = await client.WaitAsync(job, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2));
        Assert.Equal("Canceled", ended.Health);
    }
}
