using QSLM.Agent.Simulation;
using QSLM.Errors;

namespace QSLM.Agent.Tests.Simulation;

/// <summary>The simulated board's file is read by the source-generated reader and checked before anything is simulated.</summary>
public sealed class SimulatedBoardFileTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-simboard-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_board_file_states_the_model_kind_and_energies_by_weight_width()
    {
        var path = SimulatedBoardFiles.Write(_temp.File("b.json"), "orin-sim", "jetson-ina3221", idleWatts: 4.5, joulesPerCpuSecond: 2,
            picojoulesPerMac: new Dictionary<int, double> { [4] = 0.5, [32] = 3.7 }, picojoulesPerAccumulate: 0.9, updateIntervalMs: 5,
            extra: "\"thermal\": { \"ambientCelsius\": 35, \"celsiusPerWatt\": 1.5 }, \"throttledWindows\": [2, 4]");

        var board = SimulatedBoardFile.Load(path);

        Assert.Equal(("orin-sim", "jetson-ina3221", 4.5, 2.0, 0.9, 5), (board.Model, board.Kind, board.IdleWatts, board.JoulesPerCpuSecond, board.PicojoulesPerAccumulate, board.UpdateIntervalMs));
        Assert.Equal(new Dictionary<int, double> { [4] = 0.5, [32] = 3.7 }, board.PicojoulesPerMultiplyAccumulate);
        Assert.Equal(new SimulatedThermal(35, 1.5), board.Thermal);
        Assert.Equal([2, 4], board.ThrottledWindows);
    }

    [Fact]
    public void A_board_file_may_state_the_identity_its_agent_reports()
    {
        var path = SimulatedBoardFiles.Write(_temp.File("i.json"), "orin-sim", "jetson-ina3221",
            extra: "\"identity\": { \"hostName\": \"sim-orin\", \"model\": \"NVIDIA Jetson Orin Nano (simulated)\", \"kernel\": \"5.15.136-tegra\", \"firmware\": \"L4T R36.3.0\" }");

        var board = SimulatedBoardFile.Load(path);

        Assert.Equal(new SimulatedIdentity("sim-orin", "NVIDIA Jetson Orin Nano (simulated)", null, "5.15.136-tegra", "L4T R36.3.0"), board.Identity);
        Assert.Null(SimulatedBoardFile.Load(SimulatedBoardFiles.Write(_temp.File("n.json"), "orin-sim", "jetson-ina3221")).Identity);
    }

    [Theory]
    [InlineData("jetson-ina3221", "\"idleWatts\": 1", "model")]
    [InlineData("jetson-ina3232", null, "kind 'jetson-ina3232'")]
    [InlineData("ina219", "\"idelWatts\": 1", "idelWatts")]
    [InlineData("pi5-pmic", "\"joulesPerCpuSecond\": -1", "joulesPerCpuSecond must be 0 or more")]
    public void A_board_file_that_states_an_impossible_board_is_refused_with_the_reason(string kind, string? member, string reason)
    {
        var path = _temp.File("bad.json");
        var model = reason == "model" ? "\"model\": \"has space\"," : "\"model\": \"sim\",";
        File.WriteAllText(path, $"{{ {model} \"kind\": \"{kind}\"{(member is null ? "" : ", " + member)} }}");
        var refused = Assert.Throws<InputException>(() => SimulatedBoardFile.Load(path));
        Assert.Contains(reason, refused.Message);
    }

    [Fact]
    public void The_energy_of_work_prices_processor_time_multiply_accumulates_by_width_and_accumulates()
    {
        var board = SimulatedBoardFile.Load(SimulatedBoardFiles.Write(_temp.File("e.json"), "sim", "ina219", joulesPerCpuSecond: 2,
            picojoulesPerMac: new Dictionary<int, double> { [4] = 1, [8] = 10 }, picojoulesPerAccumulate: 0.5));
        var joules = new EnergyModel(board).Joules(0.25, new Dictionary<int, long> { [4] = 1_000_000, [8] = 2_000_000, [16] = 5_000_000 }, 4_000_000);
        // 0.25 s × 2 J/s + (1e6 × 1 + 2e6 × 10 + 4e6 × 0.5) pJ; a width the board does not state costs nothing.
        Assert.Equal(0.5 + 23e6 * 1e-12, joules, 15);
    }
}
