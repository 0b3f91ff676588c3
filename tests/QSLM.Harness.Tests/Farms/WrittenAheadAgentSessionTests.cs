using System.Text;
using QSLM.Boards.Sessions;
using QSLM.Harness.Farms;
using QSLM.Harness.Power;
using QSLM.Protocol;
using QSLM.Protocol.Framing;
using QSLM.Protocol.Messages;
using QSLM.Runtime.Tests;
using QSLM.Sensors.Sampling;

namespace QSLM.Harness.Tests.Farms;

/// <summary>
/// A lab measurement's windows written ahead and piped into the real agent (<c>qslm-agent serve --simulate-board</c>, on
/// this machine) with its input held open until it says bye, as a farm's board script does: the agent answers every
/// window, and the same measurement replayed from the answers gives the simulated board's figures.
/// </summary>
public sealed class WrittenAheadAgentSessionTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-written-ahead-");

    public void Dispose() => _temp.Dispose();

    // Short windows: what is checked is that the agent answers the session, not a lab figure.
    private static readonly LabWindowRules Short = new()
    {
        Quick = true,
        Window = TimeSpan.FromSeconds(0.2),
        IdleWindow = TimeSpan.FromSeconds(0.2),
        Repeats = 2,
        Warmup = TimeSpan.FromSeconds(0.05),
        CooldownPause = TimeSpan.FromSeconds(0.05),
        CooldownCap = TimeSpan.FromSeconds(1),
    };

    [Fact]
    public async Task The_agent_answers_every_window_written_ahead_and_the_replayed_measurement_carries_the_simulated_boards_figures()
    {
        var root = Directory.CreateDirectory(_temp.File("board")).FullName;
        var model = TinySpikeGpt.Write(_temp.File("tiny.qslm"), lmHead: false, classes: 2);
        var sha = QSLM.Harness.Search.SearchManifest.Sha256(model);
        Directory.CreateDirectory(Path.Combine(root, ModelStoreLayout.Folder));
        File.Copy(model, Path.Combine(root, ModelStoreLayout.Folder, ModelStoreLayout.CompleteFileName(sha)));
        var simulated = SimulatedBoardFiles.Write(_temp.File("sim.json"), "sim-written-ahead", "jetson-ina3221", idleWatts: 3,
            picojoulesPerMac: new Dictionary<int, double> { [32] = 3.7 }, updateIntervalMs: 20);
        var meter = LabMeter.OnBoard("jetson:VDD_IN");

        var recording = new RecordingBoardWindows();
        await new LabMeasurement(recording, meter, Short).MeasureAsync(model, null, 1, CancellationToken.None);
        var session = RecordingBoardWindows.Session(recording.Requests, _ => sha, new RunSettings(Tokens: 2, Warmup: 1, Seed: 1, Threads: 1));
        var answers = AgentOverPipe.Serve(root, AgentSessionScript.Lines([new Hello(ProtocolLimits.Version, "test"), .. session, new Bye()]), "--simulate-board", simulated, "--sensors-root", Path.Combine(root, "sensors"));

        var messages = Encoding.UTF8.GetString(answers).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => MessageCodec.Decode(Encoding.UTF8.GetBytes(l))).ToList();
        var replay = new ReplayedBoardWindows("sim", recording.Requests, messages);
        var result = await new LabMeasurement(replay, meter, Short).MeasureAsync(model, null, 1, CancellationToken.None);

        Assert.Equal(0, replay.Unused);
        Assert.Equal("simulated:sim-written-ahead", result.Source.ToString());
        Assert.InRange(result.IdleWatts, 2.9, 3.1);
        Assert.All(result.Windows.Where(w => w.Side is not null), w => Assert.True(w.Tokens > 0 && w.Samples > 0, $"{w.Tokens} tokens, {w.Samples} samples"));
        Assert.Equal(recording.Requests.Count, result.Windows.Count + recording.Requests.Count(r => r.IsIdle && r.Sensors.Count == 0));
    }
}
