using QSLM.Boards.Profiles;
using QSLM.Harness.Power;
using QSLM.Protocol.Messages;
using QSLM.Sensors.Board;
using QSLM.Sensors.Sampling;
using QSLM.Sensors.Simulation;

namespace QSLM.Harness.Search;

/// <summary>How a search measures power on its board: the meter and the windows a lab accepts, or, with no meter, an
/// estimate from the run's counted operations (labelled estimated). The board's settings are pinned either way.</summary>
/// <param name="Meter">The meter (on the board, or on the host beside it), or null to estimate.</param>
/// <param name="Rules">The windows of every measurement with a meter.</param>
/// <param name="Settings">The settings the board's profile pins before anything is measured.</param>
/// <param name="HostSimulation">The simulated board behind a host meter named <c>simulated</c>: busy while a window runs.</param>
public sealed record BoardPowerPlan(LabMeter? Meter, LabWindowRules Rules, BoardSettings Settings, SimulatedBoard? HostSimulation = null)
{
    /// <summary>The idle power a healthy board of its profile draws (<c>idle_watts</c>): an idle window outside it is
    /// reported, since it points at the wrong rail, a misread shunt or a board busy with something else.</summary>
    public WattsRange? ExpectedIdle { get; init; }

    /// <summary>The host meter's sensor, released with the plan's measurer.</summary>
    public IPowerSensor? HostSensor { get; init; }

    /// <summary>No meter: estimated power, nothing pinned.</summary>
    public static BoardPowerPlan Estimated { get; } = new(null, new LabWindowRules(), new BoardSettings());

    /// <summary>The windows in words, for the manifest and the summary (null when power is estimated).</summary>
    public string? WindowsText => Meter is null ? null : FormattableString.Invariant(
        $"{(Rules.Quick ? "quick (shorter or fewer than a lab accepts): " : "")}{Rules.Repeats} windows of {Rules.Window.TotalSeconds:0.###} s each for the candidate and the fp32 baseline in a seeded ABAB order, {Rules.Warmup.TotalSeconds:0.###} s warm-up discarded, idle {Rules.IdleWindow.TotalSeconds:0.###} s subtracted for net figures, cool-down {Rules.CooldownPause.TotalSeconds:0.###} s");
}
