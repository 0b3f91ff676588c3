using QSLM.Agent.Simulation;
using QSLM.Sensors.Board.Discovery;
using QSLM.Sensors.Board.Jetson;
using QSLM.Sensors.Board.RaspberryPi;

namespace QSLM.Agent.Tests.Simulation;

/// <summary>What the simulated board presents reads back, through the real readers, as the power it was given.</summary>
public sealed class SimulatedSensorsTests
{
    [Fact]
    public async Task The_fake_jetson_tree_reads_back_through_the_ina3221_reader_as_the_board_power_on_vdd_in()
    {
        using var root = new TemporaryFolder("qslm-fake-jetson-");
        var tree = FakeJetsonTree.Create(root.Path, idleWatts: 2, updateIntervalMs: 7);
        tree.Update(6.5);

        using var sensor = JetsonPowerSensor.Discover(TimeProvider.System, root.Path);
        var reading = await sensor.ReadAsync();
        Assert.Equal("measured:jetson-VDD_IN", sensor.Source.ToString()); // the reader is the real one; the agent retags it
        Assert.Equal(TimeSpan.FromMilliseconds(7), sensor.MinimumInterval);
        Assert.Equal(6.5, (double)reading.Power.Watts, 2);
        Assert.Equal(4.5, (double)reading.Rails.Single(r => r.Name == "VDD_CPU_GPU_CV").Power!.Value.Watts, 2);
        Assert.Equal(["VDD_IN", "VDD_CPU_GPU_CV", "VDD_SOC"], SensorDiscovery.RailSources(root.Path).Single().Read().Select(r => r.Name));
    }

    [Fact]
    public void The_simulated_pmic_output_parses_to_the_board_power()
    {
        var reading = PmicAdcParser.Parse(SimulatedPmic.Output(watts: 5.25, idleWatts: 3));
        Assert.True(reading.IsWhole);
        Assert.Equal(5.25, reading.TotalWatts, 6);
        Assert.Equal(2.25, reading.Rails.Single(r => r.Name == "VDD_CORE").Watts!.Value, 6);
    }
}
