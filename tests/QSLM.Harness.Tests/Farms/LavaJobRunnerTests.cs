using System.Net;
using System.Text;
using QSLM.Farm.Lava;
using QSLM.Harness.Farms;

namespace QSLM.Harness.Tests.Farms;

/// <summary>A run stopped by its user cancels its job on the farm, so the job does not hold a board until its timeout.</summary>
public sealed class LavaJobRunnerTests
{
    [Fact]
    public async Task A_cancelled_run_cancels_its_job_on_the_farm_and_says_so()
    {
        var lava = new Lava(HttpStatusCode.OK);
        var lines = new List<string>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunUntilPolledAsync(lava, lines));

        Assert.Contains("/api/v0.2/jobs/7/cancel/", lava.Requests);
        Assert.Contains("board pi-01: LAVA job 7 cancelled", lines);
    }

    [Fact]
    public async Task A_cancel_the_farm_refuses_is_reported_with_the_jobs_page_and_the_run_still_stops()
    {
        var lava = new Lava(HttpStatusCode.InternalServerError);
        var lines = new List<string>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunUntilPolledAsync(lava, lines));

        Assert.Contains("/api/v0.2/jobs/7/cancel/", lava.Requests);
        Assert.Contains(lines, l => l.StartsWith("board pi-01: LAVA job 7 could not be cancelled", StringComparison.Ordinal)
            && l.EndsWith("cancel it at http://127.0.0.1:8000/scheduler/job/7", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_run_that_is_not_cancelled_never_cancels_its_job()
    {
        var lava = new Lava(HttpStatusCode.OK) { Finished = true };
        var settings = new LavaSettings(new Uri("http://127.0.0.1:8000/"), new LavaToken("t0ken"), "test");
        await using var artifacts = new ArtifactServer();
        using var client = new LavaClient(settings, lava);

        var run = await new LavaJobRunner(client, new LavaQualifyOptions(settings, "ssh", "linux-arm64", "127.0.0.1", "test"))
            .RunAsync("qslm qualify m", "pi-01", artifacts, [new LavaJobRunner.Case("m", new string('a', 64), "fraction")], [], _ => { }, CancellationToken.None);

        Assert.Equal("Complete", run.Outcome.Job.Health);
        Assert.DoesNotContain(lava.Requests, r => r.EndsWith("/cancel/", StringComparison.Ordinal));
    }

    // Submits job 7, which keeps running; the run is cancelled once the job has been polled.
    private static async Task RunUntilPolledAsync(Lava lava, List<string> lines)
    {
        var settings = new LavaSettings(new Uri("http://127.0.0.1:8000/"), new LavaToken("t0ken"), "test");
        var options = new LavaQualifyOptions(settings, "ssh", "linux-arm64", "127.0.0.1", "test") { Poll = TimeSpan.FromMilliseconds(20) };
        await using var artifacts = new ArtifactServer();
        using var cancel = new CancellationTokenSource();
        using var client = new LavaClient(settings, lava);
        var running = new LavaJobRunner(client, options)
            .RunAsync("qslm qualify m", "pi-01", artifacts, [new LavaJobRunner.Case("m", new string('a', 64), "fraction")], [], l => { lock (lines) lines.Add(l); }, cancel.Token);
        await lava.Polled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cancel.CancelAsync();
        await running;
    }

    private sealed class Lava(HttpStatusCode cancelStatus) : HttpMessageHandler
    {
        public List<string> Requests { get; } = [];

        public TaskCompletionSource Polled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Finished { get; init; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.PathAndQuery;
            lock (Requests) Requests.Add(path);
            var state = Finished ? "Finished" : "Running";
            var health = Finished ? "Complete" : "Unknown";
            var (status, body) = path switch
            {
                "/api/v0.2/jobs/" => (HttpStatusCode.Created, """{"message": "job(s) successfully submitted", "job_ids": [7]}"""),
                "/api/v0.2/jobs/7/" => (HttpStatusCode.OK, $$"""{"id": 7, "state": "{{state}}", "health": "{{health}}", "actual_device": "pi-01", "description": "qslm qualify m"}"""),
                "/api/v0.2/jobs/7/cancel/" => (cancelStatus, """{"message": "Job cancel signal sent."}"""),
                "/api/v0.2/jobs/7/tests/?limit=500" => (HttpStatusCode.OK, """{"count": 0, "next": null, "previous": null, "results": []}"""),
                "/api/v0.2/jobs/7/logs/" => (HttpStatusCode.OK, "- {dt: '2026-12-06T12:00:00', lvl: info, msg: done}\n"),
                _ => (HttpStatusCode.NotFound, """{"detail": "Not found."}"""),
            };
            if (path == "/api/v0.2/jobs/7/") Polled.TrySetResult();
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}
