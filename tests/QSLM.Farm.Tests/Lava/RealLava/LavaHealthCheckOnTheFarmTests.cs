using System.Net.Http.Headers;
using System.Text.Json;
using QSLM.Farm.Lava;

namespace QSLM.Farm.Tests.Lava.RealLava;

/// <summary>
/// QSLM's board check as the real LAVA's health check for its <c>ssh</c> devices: LAVA runs it on a device whose health
/// is Unknown, sets the device Good when it passes and Bad when the board scores otherwise than the host, and QSLM then
/// leaves the Bad device out.
/// </summary>
[Collection(LavaCollection.Name)]
public sealed class LavaHealthCheckOnTheFarmTests(LavaFarm farm) : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-lava-health-");

    public void Dispose() => _temp.Dispose();

    private static string Board1 => LavaFarm.Devices[0];

    [Fact]
    public async Task Lava_runs_qslms_check_on_a_device_of_unknown_health_and_a_board_scoring_otherwise_is_set_bad_and_left_out()
    {
        farm.Require();
        await using var server = new ArtifactServer();
        var published = _temp.File("published");
        var job = _temp.File("ssh.yaml");
        var written = ChildProcess.Run(Path.Combine(AppContext.BaseDirectory, "qslm"),
            ["farm", "health-check", farm.Int8, "--artifacts-url", server.BaseUrl.ToString(), "--publish", published, "--agent-runtime", "linux-x64", "--sst2-sentences", "8", "-o", job],
            new Dictionary<string, string> { ["OMP_NUM_THREADS"] = "1" }, RepositoryFiles.Root);
        Assert.True(written.ExitCode == 0, written.StdErr);
        foreach (var file in Directory.EnumerateFiles(published, "*", SearchOption.AllDirectories)) server.AddFile(Path.GetRelativePath(published, file), file);
        var installed = Path.Combine(farm.HealthChecks, "ssh.yaml");
        using var client = farm.Client();
        try
        {
            File.Copy(job, installed, overwrite: true);
            var passed = await CheckAsync(client, "Good");
            Assert.Equal("Complete", passed.Job.Health);
            Assert.Contains(passed.Tests, t => t.Name == "qslm-board-check" && t.Result == "pass" && t.Unit == "fraction");
            Assert.True(server.Served > 0, "the board fetched nothing from QSLM's folder");

            // The host's answer changed to one the board cannot give: the board scores otherwise and LAVA sets it Bad.
            var check = HealthCheckBoard.Steps(File.ReadAllText(job))[^1].Split(' ');
            var otherwise = File.ReadAllText(job).Replace($" {check[^3]} {check[^2]} fraction", " 0.1 0.02 fraction", StringComparison.Ordinal);
            Assert.NotEqual(File.ReadAllText(job), otherwise);
            File.WriteAllText(installed, otherwise);
            var failed = await CheckAsync(client, "Bad");
            var outcome = JobOutcome.Of(failed.Job, failed.Tests);
            Assert.Equal("Incomplete", failed.Job.Health);
            Assert.Equal("Test", outcome.ErrorType);
            Assert.StartsWith("qslm board check: the board scored 1 fraction where the host scored 0.1", outcome.ErrorMessage);
            var devices = await client.DevicesAsync();
            Assert.False(devices.Single(d => d.Hostname == Board1).IsHealthy);
            Assert.True(devices.Single(d => d.Hostname == LavaFarm.Devices[1]).IsHealthy);
        }
        finally
        {
            File.Delete(installed);
            foreach (var device in LavaFarm.Devices) await client.SetHealthAsync(device, "GOOD", "QSLM's health-check test is over");
        }
    }

    // Sets board 1's health Unknown, which has LAVA run its health check before anything else there, and waits for the
    // health the check should leave it in; returns the check's job and its test cases.
    private async Task<(LavaJob Job, IReadOnlyList<LavaTestCase> Tests)> CheckAsync(LavaClient client, string expected)
    {
        var before = await LastHealthCheckAsync();
        await client.SetHealthAsync(Board1, "UNKNOWN", "QSLM's health-check test");
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(1000);
            var health = (await client.DevicesAsync()).Single(d => d.Hostname == Board1).Health;
            if (health is "Unknown" or "Looping") continue;
            var last = await LastHealthCheckAsync();
            Assert.True(last is not null && last != before, $"{Board1} went {health} without a health check");
            Assert.Equal(expected, health);
            var checkJob = await client.JobAsync(last.Value);
            return (checkJob, await client.TestsAsync(last.Value));
        }
        throw new TimeoutException($"LAVA did not finish {Board1}'s health check in 3 minutes");
    }

    private async Task<int?> LastHealthCheckAsync()
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", farm.Token);
        var device = JsonDocument.Parse(await http.GetStringAsync($"{farm.Url}/api/v0.2/devices/{Board1}/")).RootElement;
        return device.GetProperty("last_health_report_job").ValueKind == JsonValueKind.Number ? device.GetProperty("last_health_report_job").GetInt32() : null;
    }
}
