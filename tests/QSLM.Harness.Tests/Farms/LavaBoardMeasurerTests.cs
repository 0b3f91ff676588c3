using System.Text;
using QSLM.Boards.Sessions;
using QSLM.Errors;
using QSLM.Farm.Lava;
using QSLM.Harness.Farms;
using QSLM.Harness.Power;
using QSLM.Harness.Search;
using QSLM.Model;
using QSLM.Protocol.Messages;
using QSLM.Search.Hierarchy;
using QSLM.Search.Objective;
using QSLM.Sensors.Sampling;

namespace QSLM.Harness.Tests.Farms;

/// <summary>
/// The tag a search's figures carry on a LAVA farm is known before any job runs: the estimate's with no meter, the
/// simulated board's with a meter the simulated board reads itself; a real board's meter (whose tag only a job could
/// tell) and a meter on the host (which cannot follow a job) are refused as the user's to fix.
/// </summary>
public sealed class LavaBoardMeasurerTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-lava-measurer-");

    public void Dispose() => _temp.Dispose();

    private const string Devices = """
        {"count": 2, "next": null, "previous": null, "results": [
          {"hostname": "pi-02", "device_type": "ssh", "tags": [], "state": "Idle", "health": "Good", "worker_host": "w1"},
          {"hostname": "pi-01", "device_type": "ssh", "tags": [], "state": "Idle", "health": "Good", "worker_host": "w1"}]}
        """;

    private LavaBoardMeasurer Measurer(LabMeter? meter, string? simulatedBoard, IProgress<string>? progress = null)
    {
        var settings = new LavaSettings(new Uri("http://127.0.0.1:8000/"), new LavaToken("t0ken"), "test");
        var check = new BoardCheckSettings(new RunEvaluation("", EvaluationTask.Sst2, [], [], [], 0, 1, 0), 0.005, new RunSettings());
        var model = new SpikeGpt(new SpikeGptConfig(1, 8, 37));
        return new LavaBoardMeasurer(new LavaClient(settings, new Lava()), new LavaQualifyOptions(settings, "ssh", "linux-x64", "127.0.0.1", "test"),
            new CandidatePacker(model, "vocabulary"), _temp.File("packed"), new CandidateChecks(MetricKind.Accuracy, 0.005, null), check,
            new BoardPowerPlan(meter, new LabWindowRules(), BoardSettings.None), Precisions.Uniform(ModelHierarchy.FromTensors(model.state_dict().Select(kv => (kv.Key, kv.Value.shape))), QSLM.Format.Formats.QuantFormats.Fp32), simulatedBoard, progress);
    }

    [Fact]
    public async Task With_no_meter_the_figures_are_estimated_and_the_healthy_devices_are_named_in_order()
    {
        var lines = new List<string>();
        await using var measurer = Measurer(null, null, new Progress(lines));

        var (source, settings) = await measurer.PrepareAsync(CancellationToken.None);

        Assert.Equal("estimated:horowitz-45nm", source.ToString());
        Assert.Null(settings);
        Assert.Equal("lava: 2 healthy 'ssh' devices of http://127.0.0.1:8000/: pi-01, pi-02; no meter: power estimated from counted operations", Assert.Single(lines));
    }

    [Fact]
    public async Task A_simulated_boards_meter_carries_its_models_tag_and_a_real_boards_meter_is_refused()
    {
        var file = _temp.File("sim.json");
        File.WriteAllText(file, """{"model": "orin-sim", "kind": "jetson-ina3221"}""");
        await using (var simulated = Measurer(LabMeter.OnBoard("jetson:VDD_IN"), file))
            Assert.Equal("simulated:orin-sim", (await simulated.PrepareAsync(CancellationToken.None)).Source.ToString());

        await using var real = Measurer(LabMeter.OnBoard("jetson:VDD_IN"), null);
        var refused = await Assert.ThrowsAsync<InputException>(() => real.PrepareAsync(CancellationToken.None));
        Assert.StartsWith("meter jetson:VDD_IN: a meter on a LAVA device's board is only used where the device simulates its board", refused.Message);
    }

    private sealed class Progress(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }

    private sealed class Lava : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri!.PathAndQuery == "/api/v0.2/devices/?limit=500"
                ? Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(Devices, Encoding.UTF8, "application/json") })
                : throw new InvalidOperationException($"unexpected request {request.RequestUri}");
    }
}
