using QSLM.Boards.Profiles;
using QSLM.Boards.Sessions;
using QSLM.Harness.Search;

namespace QSLM.Harness.Qualification;

/// <summary>One board of a qualification: its session, memory budget, profile, targets and how its power is measured.</summary>
/// <param name="Session">The board's session (not yet connected).</param>
/// <param name="Budget">The memory a model may take there.</param>
/// <param name="Profile">Its firmware profile, if it names one.</param>
/// <param name="Targets">What a model must meet there (profile, qualification file and <c>--tolerance</c> merged).</param>
/// <param name="Power">Its meter and windows; a meter is only sampled where a power or energy ceiling is set.</param>
/// <param name="Run">The timed workload the latency is taken from.</param>
public sealed record QualifyBoardPlan(BoardSession Session, BoardMemoryBudget Budget, FirmwareProfile? Profile, QualifyTargets Targets, BoardPowerPlan Power, RunSettings Run)
{
    /// <summary>The board's name.</summary>
    public string Name => Session.Name;

    /// <summary>The board's power switch (the bench file's <c>power_switch</c>), which brings it back once when it stops answering.</summary>
    public QSLM.Boards.Power.PowerSwitch? PowerSwitch { get; init; }

    /// <summary>Whether any power or energy ceiling is set, which is what the power windows are run for.</summary>
    public bool HasCeiling => Targets.MaxWatts is not null || Targets.MaxJoulesPerToken is not null;
}
