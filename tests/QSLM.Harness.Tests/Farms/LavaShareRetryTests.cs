using QSLM.Boards.Failures;
using QSLM.Errors;
using QSLM.Farm.Lava;
using QSLM.Harness.Farms;

namespace QSLM.Harness.Tests.Farms;

/// <summary>The one retry rule of qualify and the search's board tier on LAVA.</summary>
public sealed class LavaShareRetryTests
{
    private static LavaJobRunner.Run Ended(string device, string health, FailureClass? failure, bool retry) =>
        new(new JobOutcome(new LavaJob(1, "Finished", health, device, null), failure, retry, failure is null ? null : failure.ToString(), failure is null ? null : "connection closed"),
            new Dictionary<string, byte[]>());

    private static readonly string[] Devices = ["pi-01", "pi-02", "pi-03"];

    [Fact]
    public async Task An_infrastructure_end_moves_the_share_to_the_next_device_that_has_not_failed_and_blames_nothing()
    {
        var failed = new HashSet<string>(StringComparer.Ordinal) { "pi-02" };
        var ran = new List<string>();
        var moves = new List<string>();

        var outcome = await LavaShareRetry.RunAsync(d =>
        {
            ran.Add(d);
            return Task.FromResult(d == "pi-01" ? Ended(d, "Incomplete", FailureClass.Infrastructure, retry: true) : Ended(d, "Complete", null, retry: false));
        }, "pi-01", Devices, failed, (from, why, next) => moves.Add($"{from} -> {next}: {why}"));

        Assert.Equal(["pi-01", "pi-03"], ran);
        Assert.Equal("pi-03", outcome.Device);
        Assert.NotNull(outcome.Run);
        Assert.Null(outcome.Failure);
        Assert.Equal(["pi-01 -> pi-03: infrastructure failure: LAVA job 1 on pi-01: Incomplete, Infrastructure: connection closed"], moves);
        Assert.Contains("pi-01", failed);
    }

    [Fact]
    public async Task A_job_a_model_ended_is_the_models_result_and_is_not_retried()
    {
        var failed = new HashSet<string>(StringComparer.Ordinal);

        var outcome = await LavaShareRetry.RunAsync(d => Task.FromResult(Ended(d, "Incomplete", FailureClass.Candidate, retry: false)), "pi-01", Devices, failed,
            (_, _, _) => Assert.Fail("retried"));

        Assert.Equal(FailureClass.Candidate, outcome.Run!.Outcome.Class);
        Assert.Empty(failed);
    }

    [Fact]
    public async Task With_no_device_left_or_no_retry_allowed_the_share_fails_for_infrastructure_saying_why()
    {
        var everyOne = await LavaShareRetry.RunAsync(d => Task.FromResult(Ended(d, "Incomplete", FailureClass.Infrastructure, retry: true)), "pi-01", Devices,
            new HashSet<string>(StringComparer.Ordinal), (_, _, _) => { });
        var cancelled = await LavaShareRetry.RunAsync(d => Task.FromResult(Ended(d, "Canceled", FailureClass.Infrastructure, retry: false)), "pi-01", Devices,
            new HashSet<string>(StringComparer.Ordinal), (_, _, _) => Assert.Fail("retried"));

        Assert.Equal("pi-03", everyOne.Device);
        Assert.EndsWith("; no other healthy device is left", everyOne.Why, StringComparison.Ordinal);
        Assert.Equal(everyOne.Why, everyOne.Failure!.Message);
        Assert.Null(everyOne.Run);
        Assert.EndsWith("; not retried (another device would fail the same way)", cancelled.Why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_farm_that_stops_answering_fails_the_share_at_once()
    {
        var calls = 0;
        var outcome = await LavaShareRetry.RunAsync(_ =>
        {
            calls++;
            throw new InfrastructureFailureException("LAVA at http://127.0.0.1:8000/ did not answer");
        }, "pi-01", Devices, new HashSet<string>(StringComparer.Ordinal), (_, _, _) => Assert.Fail("retried"));

        Assert.Equal(1, calls);
        Assert.Equal("infrastructure failure: LAVA at http://127.0.0.1:8000/ did not answer", outcome.Why);
        Assert.Equal("LAVA at http://127.0.0.1:8000/ did not answer", outcome.Failure!.Message);
    }
}
