using QSLM.Boards.Inventory;
using QSLM.Boards.Profiles;
using QSLM.Boards.Sessions;
using QSLM.Sensors.Calibration;
using QSLM.Sensors.Sampling;
using QSLM.Harness.Verification;

namespace QSLM.Harness.Qualification;

/// <summary>A validated qualification: what runs where, against what.</summary>
/// <param name="Bench">The bench file.</param>
/// <param name="ProfilesFolder">The profiles its boards are read with.</param>
/// <param name="Boards">The boards, in the order they run.</param>
/// <param name="Models">The packed models.</param>
/// <param name="Data">The data every board and the host score them on.</param>
/// <param name="Targets">The qualification file, or null.</param>
/// <param name="Tolerance">The agreement target for every board (<c>--tolerance</c>), or null.</param>
/// <param name="Rules">The power windows' rules, where a ceiling is set.</param>
/// <param name="Run">The timed workload latency is taken from.</param>
/// <param name="Calibration">The sensors' calibration records.</param>
public sealed record QualifyRequest(Bench Bench, string ProfilesFolder, IReadOnlyList<string> Boards, IReadOnlyList<QualifyModel> Models, CheckData Data,
    QualificationFile? Targets, double? Tolerance, LabWindowRules Rules, RunSettings Run, CalibrationStore Calibration)
{
    /// <summary>How long to wait for a board another QSLM process on this host holds (<c>--board-wait</c>).</summary>
    public TimeSpan BoardWait { get; init; }

    /// <summary>The longest any step on a board may take before the board counts as hung (<c>--hang-timeout</c>); null:
    /// each step's own limit.</summary>
    public TimeSpan? HangTimeout { get; init; }
}
