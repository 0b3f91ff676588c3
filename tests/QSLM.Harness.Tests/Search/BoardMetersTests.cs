using QSLM.Boards.Inventory;
using QSLM.Boards.Profiles;
using QSLM.Boards.Sessions;
using QSLM.Boards.Transports.Local;
using QSLM.Harness.Search;
using QSLM.Protocol.Messages;
using QSLM.Sensors.Sampling;

namespace QSLM.Harness.Tests.Search;

/// <summary>Which meter a search samples on its board: <c>--sensor</c> on the host first, then the bench's meters,
/// then the profile's first sensor the board reads itself, else an estimate; the profile's settings and idle range go along.</summary>
public sealed class BoardMetersTests : IAsyncDisposable
{
    private static readonly LabWindowRules Rules = LabWindowRules.QuickPreset;
    private readonly BoardSession _session = new("pi", new LocalProcessTransport(AgentLaunch.Executable("/nonexistent/qslm-agent"), "/nonexistent"));

    public ValueTask DisposeAsync() => _session.DisposeAsync();

    private SearchBoard Board(IReadOnlyList<MeterEntry> meters, params string[] profileSensors) => new(
        _session, new BoardMemoryBudget(null, "test"),
        new BoardEntry("pi", "p", BoardLink.Local, null, null, null, [], null) { Meters = meters },
        new FirmwareProfile("p", "a board", "linux-arm64", null, [.. profileSensors.Select(s => new ProfileSensor(s, "how", "total"))],
            new BoardSettings(Governor: "performance"), [], new WattsRange(2, 4, "estimated:published"), "/profiles/p.yaml"));

    [Fact]
    public void The_profiles_first_sensor_the_board_reads_is_sampled_on_the_board_with_its_settings_and_idle_range()
    {
        var plan = BoardMeters.Plan(Board([], "simulated", "pmic", "jetson:VDD_IN"), hostSensor: null, Rules);

        Assert.Equal(("pmic", false), (plan.Meter!.Spec, plan.Meter.OnHostSide));
        Assert.Equal("performance", plan.Settings.Governor);
        Assert.Equal(new WattsRange(2, 4, "estimated:published"), plan.ExpectedIdle);
        Assert.StartsWith("quick", plan.WindowsText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_that_names_only_the_hosts_simulated_model_is_estimated()
    {
        var plan = BoardMeters.Plan(Board([], "simulated"), hostSensor: null, Rules);

        Assert.Null(plan.Meter);
        Assert.Null(plan.WindowsText);
        Assert.Equal("performance", plan.Settings.Governor);
    }

    [Fact]
    public void The_bench_files_meter_comes_before_the_profiles_sensor()
    {
        var plan = BoardMeters.Plan(Board([new MeterEntry("ina219:1:0x41:0.05", MeterPlacement.Board)], "pmic"), hostSensor: null, Rules);

        Assert.Equal(("ina219:1:0x41:0.05", false), (plan.Meter!.Spec, plan.Meter.OnHostSide));
    }

    [Fact]
    public void The_sensor_option_is_a_meter_on_the_host_and_comes_first()
    {
        var plan = BoardMeters.Plan(Board([new MeterEntry("pmic", MeterPlacement.Board)], "pmic"), hostSensor: "simulated", Rules);
        try
        {
            Assert.Equal(("simulated", true), (plan.Meter!.Spec, plan.Meter.OnHostSide));
            Assert.Equal("simulated:ina219-default-board", plan.Meter.Host!.Source.ToString());
            Assert.NotNull(plan.HostSimulation);
        }
        finally
        {
            plan.HostSensor?.Dispose();
        }
    }
}
