using System.Net;
using System.Text;
using QSLM.Farm.Lava;
using QSLM.Harness.Farms;
using QSLM.Harness.Qualification;
using QSLM.History.Records;
using QSLM.History.Store;

namespace QSLM.Harness.Tests.Farms;

public sealed class FailingDevicesTests : IDisposable
{
    private const string Server = "http://127.0.0.1:8000/";
    private readonly TemporaryFolder _temp = new("qslm-failing-devices-");
    private readonly SqliteRunHistory _history;

    public FailingDevicesTests() => _history = SqliteRunHistory.Open(_temp.File("history.db"));

    public void Dispose()
    {
        _history.Dispose();
        _temp.Dispose();
    }

    // A qualify run on a farm: the devices that ran models, and those that failed (an incident, or an error check).
    private void Qualify(string farm, string[] ran, string[] incidents, string[] errors)
    {
        using var run = _history.Begin(new RunStart(RunKind.Qualify, "qualify", null, "qslm qualify", null, new Dictionary<string, string> { ["lava"] = farm }));
        foreach (var device in ran) run.Board(new BoardRecord(device, null, null, null, null, null, null, null));
        for (var i = 0; i < incidents.Length; i++)
            run.Provenance(new Dictionary<string, string> { [HistoryQualifySink.IncidentKey + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)] = $"board {incidents[i]}: infrastructure failure: LAVA job 7 Incomplete, Infrastructure" });
        foreach (var device in errors) run.Verdict(new VerdictRecord(device, "m.qslm", "agreement", "error", null, null, null, "infrastructure failure"));
        run.Finish(RunStatus.Completed, "done");
    }

    [Fact]
    public void A_streak_counts_the_latest_runs_on_the_same_farm_the_device_failed_in_skipping_runs_that_did_not_use_it()
    {
        Qualify(Server, ["b1", "b2"], [], []);
        Qualify(Server, ["b2"], ["b1"], []);
        Qualify("http://other-farm:8000/", ["b1"], [], []);
        Qualify(Server, ["b2"], [], []);
        Qualify(Server, [], [], ["b1"]);

        Assert.Equal(2, FailingDevices.Streak(_history, Server, "b1", 10));
        Assert.Equal(1, FailingDevices.Streak(_history, Server, "b1", 1));
        Assert.Equal(0, FailingDevices.Streak(_history, Server, "b2", 10));
    }

    [Fact]
    public async Task With_permission_a_device_whose_streak_reached_the_limit_is_put_into_maintenance_with_the_reason()
    {
        Qualify(Server, [], ["b1"], []);
        Qualify(Server, ["b2"], ["b1"], []);
        var lava = new SetHealth();
        using var client = new LavaClient(new LavaSettings(new Uri(Server), new LavaToken("t0ken"), "test"), lava);
        var said = new List<string>();

        var maintained = await FailingDevices.ReviewAsync(client, _history, ["b1"], 2, said.Add, CancellationToken.None);

        Assert.Equal(["b1"], maintained);
        var (path, body) = Assert.Single(lava.Posts);
        Assert.Equal("/api/v0.2/devices/b1/set_health/", path);
        Assert.Contains("\"health\":\"MAINTENANCE\"", body);
        Assert.Contains("failed for infrastructure in 2 qualify runs in a row (--lava-maintenance-after 2)", body);
        Assert.Contains("lava: device b1 failed for infrastructure in 2 qualify runs in a row: put into maintenance", Assert.Single(said));
    }

    [Fact]
    public async Task Without_permission_or_below_the_limit_the_device_is_only_reported()
    {
        Qualify(Server, [], ["b1"], []);
        var lava = new SetHealth();
        using var client = new LavaClient(new LavaSettings(new Uri(Server), new LavaToken("t0ken"), "test"), lava);
        var said = new List<string>();

        Assert.Empty(await FailingDevices.ReviewAsync(client, _history, ["b1"], null, said.Add, CancellationToken.None));
        Assert.Empty(await FailingDevices.ReviewAsync(client, _history, ["b1"], 3, said.Add, CancellationToken.None));

        Assert.Empty(lava.Posts);
        Assert.Equal("lava: device b1 failed for infrastructure in this run; --lava-maintenance-after N puts a device that fails N runs in a row into maintenance", said[0]);
        Assert.Equal("lava: device b1 failed for infrastructure in this run", said[1]);
    }

    [Fact]
    public async Task A_token_not_allowed_to_change_devices_is_a_warning_and_the_run_stands()
    {
        Qualify(Server, [], ["b1"], []);
        var lava = new SetHealth(HttpStatusCode.Forbidden);
        using var client = new LavaClient(new LavaSettings(new Uri(Server), new LavaToken("t0ken"), "test"), lava);
        var said = new List<string>();

        Assert.Empty(await FailingDevices.ReviewAsync(client, _history, ["b1"], 1, said.Add, CancellationToken.None));
        Assert.StartsWith("lava: warning: device b1 failed for infrastructure in this run, but could not be put into maintenance: ", Assert.Single(said));
        Assert.DoesNotContain("t0ken", said[0]);
    }

    private sealed class SetHealth(HttpStatusCode status = HttpStatusCode.OK) : HttpMessageHandler
    {
        public List<(string Path, string Body)> Posts { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Posts.Add((request.RequestUri!.AbsolutePath, await request.Content!.ReadAsStringAsync(cancellationToken)));
            return new HttpResponseMessage(status) { Content = new StringContent(status == HttpStatusCode.OK ? "{}" : "{\"detail\":\"You do not have permission to perform this action.\"}", Encoding.UTF8, "application/json") };
        }
    }
}
