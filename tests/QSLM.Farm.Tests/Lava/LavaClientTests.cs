using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using QSLM.Errors;
using QSLM.Farm.Lava;

namespace QSLM.Farm.Tests.Lava;

/// <summary>The REST client against answers recorded from LAVA 2023.01.</summary>
public sealed class LavaClientTests
{
    private const string Secret = "s3cr3t-recorded-token-value";

    private static LavaClient Client(RecordedLava lava, TimeProvider? time = null) =>
        new(new LavaSettings(new Uri("http://127.0.0.1:8000"), new LavaToken(Secret), "test"), lava, time);

    [Fact]
    public async Task A_submission_posts_the_definition_as_json_with_the_token_only_in_the_authorization_header()
    {
        var lava = new RecordedLava().Answer("jobs/", "{\"message\":\"job(s) successfully submitted\",\"job_ids\":[12]}", HttpStatusCode.Created);
        using var client = Client(lava);

        var id = await client.SubmitAsync("device_type: ssh\njob_name: x\n");

        Assert.Equal(12, id);
        var request = Assert.Single(lava.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("Token " + Secret, request.Authorization);
        Assert.Equal("device_type: ssh\njob_name: x\n", JsonDocument.Parse(request.Body!).RootElement.GetProperty("definition").GetString());
        Assert.DoesNotContain(Secret, request.Body!);
    }

    [Fact]
    public async Task A_completed_job_gives_its_device_and_its_test_cases_with_measurements_and_units()
    {
        var lava = new RecordedLava().Answer("jobs/12/", RecordedLava.File("job-complete.json")).Answer("jobs/12/tests/?limit=500", RecordedLava.File("tests-complete.json"));
        using var client = Client(lava);

        var job = await client.JobAsync(12);
        var tests = await client.TestsAsync(12);

        Assert.Equal(("Finished", "Complete", "qslm-ssh-01"), (job.State, job.Health, job.Device));
        Assert.True(job.IsFinished);
        var rss = tests.Single(t => t.Name == "sst2-int8.qslm.peak-rss");
        Assert.Equal(("0_qslm", "pass", "B"), (rss.Suite, rss.Result, rss.Unit));
        Assert.True(rss.Measurement > 1_000_000);
        var metric = tests.Single(t => t.Name == "sst2-int8.qslm.metric");
        Assert.Equal(("fraction", 1.0), (metric.Unit, metric.Measurement));
        Assert.Contains(tests, t => t is { Name: "job", Suite: "lava", Result: "pass" });
        Assert.Null(tests.Single(t => t.Name == "sst2-int8.qslm").Measurement);
    }

    [Fact]
    public async Task Devices_come_with_their_type_state_and_health_and_only_good_ones_are_healthy()
    {
        using var client = Client(new RecordedLava().Answer("devices/?limit=500", RecordedLava.File("devices.json")));

        var devices = await client.DevicesAsync();

        Assert.Equal(["qslm-ssh-01", "qslm-ssh-02"], devices.Select(d => d.Hostname).Order(StringComparer.Ordinal));
        Assert.All(devices, d => Assert.Equal(("ssh", "Idle", "qslm-w1"), (d.DeviceType, d.State, d.Worker)));
        Assert.False(devices.Single(d => d.Hostname == "qslm-ssh-01").IsHealthy);
        Assert.True(devices.Single(d => d.Hostname == "qslm-ssh-02").IsHealthy);
    }

    [Fact]
    public async Task Setting_a_device_health_posts_the_health_in_capitals_and_the_reason()
    {
        var lava = new RecordedLava().Answer("devices/qslm-ssh-01/set_health/", "{\"message\":\"OK\"}", HttpStatusCode.Accepted);
        using var client = Client(lava);

        await client.SetHealthAsync("qslm-ssh-01", "good", "sshd restarted");

        var body = JsonDocument.Parse(lava.Requests.Single().Body!).RootElement;
        Assert.Equal(("GOOD", "sshd restarted"), (body.GetProperty("health").GetString(), body.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task JUnit_and_logs_come_back_as_lava_wrote_them()
    {
        using var client = Client(new RecordedLava().Answer("jobs/12/junit/", RecordedLava.File("junit-complete.xml")).Answer("jobs/12/logs/", RecordedLava.File("logs-complete.yaml")));

        Assert.Contains("<testcase name=\"sst2-int8.qslm\"", await client.JUnitAsync(12));
        Assert.Contains("QSLM-RESULT-END", await client.LogsAsync(12));
    }

    [Fact]
    public async Task A_refused_token_is_the_users_input_and_its_message_never_holds_the_token()
    {
        using var client = Client(new RecordedLava().Answer("jobs/3/", "{\"detail\":\"Invalid token.\"}", HttpStatusCode.Unauthorized));

        var e = await Assert.ThrowsAsync<InputException>(() => client.JobAsync(3));

        Assert.Contains("refused the token", e.Message);
        Assert.Contains("Invalid token.", e.Message);
        Assert.DoesNotContain(Secret, e.Message);
    }

    [Fact]
    public async Task A_server_error_and_an_unreachable_server_are_infrastructure_failures()
    {
        using var failing = Client(new RecordedLava().Answer("devices/?limit=500", "<h1>Server Error (500)</h1>", HttpStatusCode.InternalServerError));
        var e = await Assert.ThrowsAsync<InfrastructureFailureException>(() => failing.DevicesAsync());
        Assert.Contains("(500)", e.Message);

        // Port 9 on loopback (discard) has nothing listening here: the connection is refused at once.
        using var unreachable = new LavaClient(new LavaSettings(new Uri("http://127.0.0.1:9"), new LavaToken(Secret), "test"));
        var down = await Assert.ThrowsAsync<InfrastructureFailureException>(() => unreachable.DevicesAsync());
        Assert.Contains("cannot be reached", down.Message);
        Assert.DoesNotContain(Secret, down.Message);
    }

    [Fact]
    public async Task Cancelling_a_job_asks_lava_for_its_cancel_with_the_token_in_the_header()
    {
        var lava = new RecordedLava().Answer("jobs/12/cancel/", "{\"message\": \"Job cancel signal sent.\"}");
        using var client = Client(lava);

        await client.CancelAsync(12);

        var request = Assert.Single(lava.Requests);
        Assert.Equal((HttpMethod.Get, "/api/v0.2/jobs/12/cancel/", "Token " + Secret), (request.Method, request.Path, request.Authorization));
    }

    [Fact]
    public async Task Waiting_polls_until_the_job_has_finished_and_gives_up_after_its_timeout()
    {
        var running = RecordedLava.File("job-complete.json").Replace("\"Finished\"", "\"Running\"", StringComparison.Ordinal);
        var time = new FakeTimeProvider();
        using var client = Client(new RecordedLava().Answer("jobs/12/", running), time);

        var waiting = client.WaitAsync(12, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));
        // The fake clock moves only when told: each step lets one poll's delay end.
        while (!waiting.IsCompleted)
        {
            await Task.Delay(10);
            time.Advance(TimeSpan.FromSeconds(2));
        }

        var e = await Assert.ThrowsAsync<InfrastructureFailureException>(() => waiting);
        Assert.Contains("has not finished", e.Message);
        Assert.Contains("state Running", e.Message);
    }
}
