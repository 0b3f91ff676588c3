using System.Globalization;
using QSLM.Reports.Document;

namespace QSLM.Harness.Qualification;

/// <summary>The checks of a qualification counted: its outcome in words, its status and its exit code (1 if any check
/// failed, else 3 if any erred on infrastructure, else 0; a check not run decides nothing).</summary>
/// <param name="Passed">Checks passed.</param>
/// <param name="Failed">Checks failed.</param>
/// <param name="NotRun">Checks not run.</param>
/// <param name="Errors">Checks left undecided by an infrastructure failure.</param>
public sealed record QualifyTally(int Passed, int Failed, int NotRun, int Errors)
{
    /// <summary>The exit code of a run that failed a check.</summary>
    public const int FailedCode = 1;

    /// <summary>The exit code of a run whose only trouble was infrastructure.</summary>
    public const int InfrastructureCode = 3;

    /// <summary>Counts <paramref name="checks"/>.</summary>
    public static QualifyTally Of(IEnumerable<CheckResult> checks)
    {
        var list = checks.ToList();
        return new QualifyTally(Count(list, CheckStatus.Passed), Count(list, CheckStatus.Failed), Count(list, CheckStatus.NotRun), Count(list, CheckStatus.Error));
    }

    /// <summary>Infrastructure failures the run recovered from (a board power-cycled): counted as infrastructure, and
    /// stated, but they decide no check.</summary>
    public int Incidents { get; init; }

    /// <summary>The outcome in words: <c>9 passed, 1 failed, 2 not run, 0 errors</c>, and the incidents recovered from when there were any.</summary>
    public string Outcome => string.Create(CultureInfo.InvariantCulture, $"{Passed} passed, {Failed} failed, {NotRun} not run, {Errors} errors")
        + (Incidents > 0 ? string.Create(CultureInfo.InvariantCulture, $", {Incidents} infrastructure {(Incidents == 1 ? "incident" : "incidents")} recovered") : "");

    /// <summary>The run's status: failed before error before passed; a run where nothing was decided is not run.</summary>
    public CheckStatus Status =>
        Failed > 0 ? CheckStatus.Failed : Errors > 0 ? CheckStatus.Error : Passed > 0 ? CheckStatus.Passed : CheckStatus.NotRun;

    /// <summary>The process's exit code.</summary>
    public int ExitCode => Failed > 0 ? FailedCode : Errors > 0 ? InfrastructureCode : 0;

    private static int Count(List<CheckResult> checks, CheckStatus status) => checks.Count(c => c.Status == status);
}
