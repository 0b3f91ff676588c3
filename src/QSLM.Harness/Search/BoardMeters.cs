using QSLM.Boards.Profiles;
using QSLM.Boards.Inventory;
using QSLM.Harness.Power;
using QSLM.Sensors.Board.Discovery;
using QSLM.Sensors.Discovery;
using QSLM.Sensors.Sampling;
using QSLM.Sensors.Simulation;

namespace QSLM.Harness.Search;

/// <summary>Which meter measures a search's board, in order of precedence: <c>--sensor</c> (a meter on the host
/// beside the board), the bench entry's first <c>meters:</c> entry, the first of its profile's sensors the board can
/// open itself (the <c>simulated</c> pseudo-sensor is the host's model, not the board's), else none, and power is
/// estimated.</summary>
public static class BoardMeters
{
    /// <summary>The search's power plan for <paramref name="board"/>.</summary>
    /// <param name="board">The board.</param>
    /// <param name="hostSensor">The <c>--sensor</c> spec, or null.</param>
    /// <param name="rules">The windows of every measurement.</param>
    public static BoardPowerPlan Plan(SearchBoard board, string? hostSensor, LabWindowRules rules) => Plan(board.Entry, board.Profile, hostSensor, rules);

    /// <summary>The search's power plan for the board <paramref name="entry"/> of a bench describes, with its <paramref name="profile"/>.</summary>
    public static BoardPowerPlan Plan(BoardEntry entry, FirmwareProfile? profile, string? hostSensor, LabWindowRules rules) =>
        Choose(entry, profile, hostSensor, rules) with { ExpectedIdle = profile?.IdleWattsRange };

    private static BoardPowerPlan Choose(BoardEntry entry, FirmwareProfile? profile, string? hostSensor, LabWindowRules rules)
    {
        var settings = profile?.Settings ?? QSLM.Protocol.Messages.BoardSettings.None;
        if (hostSensor is not null) return OnHost(hostSensor, rules, settings);
        if (entry.Meters is [var first, ..])
            return first.On == MeterPlacement.Host ? OnHost(first.Spec, rules, settings) : new BoardPowerPlan(LabMeter.OnBoard(first.Spec), rules, settings);
        var onBoard = profile?.Sensors.Select(s => s.Spec).FirstOrDefault(BoardSensorSpec.Names);
        return onBoard is null ? BoardPowerPlan.Estimated with { Settings = settings } : new BoardPowerPlan(LabMeter.OnBoard(onBoard), rules, settings);
    }

    // SensorSpec throws InputException for a spec it refuses, so a bad --sensor fails before the search.
    private static BoardPowerPlan OnHost(string spec, LabWindowRules rules, QSLM.Protocol.Messages.BoardSettings settings)
    {
        var simulated = spec == "simulated" ? new SimulatedBoard() : null;
        var sensor = SensorSpec.Open(spec, TimeProvider.System, simulated);
        return new BoardPowerPlan(LabMeter.OnHost(spec, new SamplerHostMeter(new Sampler(sensor, TimeProvider.System))), rules, settings, simulated) { HostSensor = sensor };
    }
}
