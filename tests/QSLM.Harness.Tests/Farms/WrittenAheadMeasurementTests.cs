using QSLM.Boards.Sessions;
using QSLM.Errors;
using QSLM.Harness.Farms;
using QSLM.Harness.Power;
using QSLM.Harness.Tests.Power;
using QSLM.Protocol.Messages;
using QSLM.Sensors.Sampling;

namespace QSLM.Harness.Tests.Farms;

/// <summary>A lab measurement written ahead for a farm and replayed from the agent's answers gives the figures the same
/// measurement gives live, and a session that does not match the measurement fails for infrastructure, naming the window.</summary>
public sealed class WrittenAheadMeasurementTests
{
    private const string Sensor = "jetson:VDD_IN";
    private static readonly LabMeter Meter = LabMeter.OnBoard(Sensor);

    // A board with a fixed answer for every window (the fake's clock moves only with the windows it is asked for).
    private static FakeBoardWindows Board()
    {
        var board = new FakeBoardWindows(7);
        board.Models["fp32.qslm"] = (4, 100);
        board.Models["int8.qslm"] = (2.5, 120);
        return board;
    }

    private static async Task<IReadOnlyList<WindowRequest>> WriteAheadAsync(int seed)
    {
        var recording = new RecordingBoardWindows();
        await new LabMeasurement(recording, Meter, LabWindowRules.QuickPreset).MeasureAsync("fp32.qslm", "int8.qslm", seed, CancellationToken.None);
        return recording.Requests;
    }

    // What an agent answers to the session: each window's samples, then its idle or run result.
    private static async Task<List<Message>> AnswersAsync(IBoardWindows board, IReadOnlyList<WindowRequest> requests)
    {
        var answers = new List<Message>();
        foreach (var request in requests)
        {
            var window = request.Model is { } model
                ? await board.RunAsync(model, TimeSpan.FromSeconds(request.Seconds), TimeSpan.FromSeconds(request.WarmupSeconds), request.Sensors, CancellationToken.None)
                : await board.IdleAsync(TimeSpan.FromSeconds(request.Seconds), request.Sensors, CancellationToken.None);
            answers.AddRange(window.Samples);
            if (request.IsIdle)
            {
                answers.Add(new IdleResult(window.StartSeconds, window.StopSeconds, window.Thermal));
                continue;
            }
            answers.Add(new Mark(MarkPhase.Start, 0, window.StartSeconds));
            answers.Add(new Mark(MarkPhase.Stop, 0, window.StopSeconds));
            answers.Add(new RunResult("sha", 1, 1, [window.StopSeconds - window.StartSeconds], 0, 0, 0, [], null, null, null, "scalar", 1,
                [new RunWindow(0, window.StartSeconds, window.StopSeconds, window.Tokens, window.CpuSeconds, window.Thermal)]));
        }
        return answers;
    }

    private static string Csv(LabResult result)
    {
        using var writer = new StringWriter();
        LabWindowCsv.Write(writer, result);
        return writer.ToString();
    }

    [Fact]
    public async Task A_measurement_replayed_from_the_agents_answers_gives_the_figures_of_the_same_measurement_made_live()
    {
        var live = await new LabMeasurement(Board(), Meter, LabWindowRules.QuickPreset).MeasureAsync("fp32.qslm", "int8.qslm", 3, CancellationToken.None);

        var requests = await WriteAheadAsync(3);
        var replay = new ReplayedBoardWindows("fake", requests, await AnswersAsync(Board(), requests));
        var replayed = await new LabMeasurement(replay, Meter, LabWindowRules.QuickPreset).MeasureAsync("fp32.qslm", "int8.qslm", 3, CancellationToken.None);

        Assert.Equal(Csv(live), Csv(replayed));
        Assert.Equal(live.Saving, replayed.Saving);
        Assert.Equal(live.IdleWatts, replayed.IdleWatts);
        Assert.Equal(live.Source, replayed.Source);
        Assert.Equal(0, replay.Unused);
    }

    [Fact]
    public async Task The_session_asks_for_the_windows_as_the_direct_mode_does()
    {
        var requests = await WriteAheadAsync(3);
        var template = new RunSettings(Tokens: 8, Warmup: 2, Seed: 1, Threads: 1);

        var session = RecordingBoardWindows.Session(requests, path => "sha-of-" + path, template);

        // The idle window first, then per run window a cool-down pause (an idle window sampling nothing), its run and two acknowledgements.
        var idle = Assert.IsType<SampleIdle>(session[0]);
        Assert.Equal(LabWindowRules.QuickPreset.IdleWindow.TotalSeconds, idle.Seconds);
        Assert.Equal([Sensor], idle.Sensors);
        var runs = session.OfType<RunWorkload>().ToList();
        Assert.Equal(requests.Count(r => !r.IsIdle), runs.Count);
        Assert.Equal(LabWindowRules.QuickPreset.Repeats * 2, runs.Count);
        Assert.All(runs, r => Assert.Equal((8, 2, 1, 1, 1, LabWindowRules.QuickPreset.Window.TotalSeconds, LabWindowRules.QuickPreset.Warmup.TotalSeconds),
            (r.Tokens, r.Warmup, r.Repeats, r.Seed, r.Threads, r.MinSeconds, r.WarmupSeconds)));
        Assert.Equal(["sha-of-fp32.qslm", "sha-of-int8.qslm"], runs.Select(r => r.Sha256).Distinct().Order());
        Assert.Equal(requests.Count + 2 * runs.Count, session.Count);
        Assert.All(session.Select((m, i) => (m, i)).Where(p => p.m is RunWorkload), p =>
            Assert.Equal((MarkPhase.Start, MarkPhase.Stop), (((MarkAck)session[p.i + 1]).Phase, ((MarkAck)session[p.i + 2]).Phase)));
    }

    [Fact]
    public async Task A_window_the_session_written_ahead_does_not_hold_fails_for_infrastructure_naming_it()
    {
        var requests = await WriteAheadAsync(3);
        var other = await WriteAheadAsync(4);
        Assert.NotEqual(requests, other);
        var replay = new ReplayedBoardWindows("fake", requests, await AnswersAsync(Board(), requests));

        var e = await Assert.ThrowsAsync<InfrastructureFailureException>(() =>
            new LabMeasurement(replay, Meter, LabWindowRules.QuickPreset).MeasureAsync("fp32.qslm", "int8.qslm", 4, CancellationToken.None));

        Assert.Matches(@"^board fake: window \d+ of the measurement asks for run of (fp32|int8)\.qslm .* but the session written ahead has run of (fp32|int8)\.qslm", e.Message);
    }

    [Fact]
    public async Task Answers_that_end_early_or_hold_an_error_fail_for_infrastructure()
    {
        var requests = await WriteAheadAsync(3);
        var answers = await AnswersAsync(Board(), requests);
        var cut = answers.Take(answers.FindIndex(m => m is RunResult)).ToList();
        var refused = answers.Take(answers.FindIndex(m => m is IdleResult)).Append(new ErrorReply("sensor-failed", "no such rail")).ToList();

        var ended = await Assert.ThrowsAsync<InfrastructureFailureException>(() =>
            new LabMeasurement(new ReplayedBoardWindows("fake", requests, cut), Meter, LabWindowRules.QuickPreset).MeasureAsync("fp32.qslm", "int8.qslm", 3, CancellationToken.None));
        var failed = await Assert.ThrowsAsync<InfrastructureFailureException>(() =>
            new LabMeasurement(new ReplayedBoardWindows("fake", requests, refused), Meter, LabWindowRules.QuickPreset).MeasureAsync("fp32.qslm", "int8.qslm", 3, CancellationToken.None));

        Assert.StartsWith("board fake: the agent's answers end before window 2 (run of", ended.Message, StringComparison.Ordinal);
        Assert.Equal($"board fake: window 0 ({requests[0]}): the agent answered sensor-failed: no such rail", failed.Message);
    }

    [Fact]
    public async Task A_meter_on_the_host_cannot_be_written_ahead()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new LabMeasurement(new RecordingBoardWindows(), LabMeter.OnHost("usb-meter", Board().HostMeter(0.01)), LabWindowRules.QuickPreset).MeasureAsync("fp32.qslm", "int8.qslm", 3, CancellationToken.None));
    }
}
