namespace QSLM.Farm.Lava;

/// <summary>One test case of a job, as <c>/api/v0.2/jobs/N/tests/</c> gives it: what a <c>lava-test-case</c> call (or
/// LAVA itself, in the <c>lava</c> suite) recorded.</summary>
/// <param name="Name">The case's name.</param>
/// <param name="Suite">Its suite: <c>lava</c> for LAVA's own cases, else the test definition's (<c>0_qslm</c>).</param>
/// <param name="Result">pass, fail, skip or unknown.</param>
/// <param name="Measurement">Its measurement, if it gave one.</param>
/// <param name="Unit">The measurement's unit (empty when none).</param>
/// <param name="Metadata">Its metadata (LAVA writes YAML): for the <c>job</c> case, <c>error_type</c> and <c>error_msg</c>.</param>
public sealed record LavaTestCase(string Name, string Suite, string Result, double? Measurement, string Unit, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>Whether it passed.</summary>
    public bool Passed => Result == "pass";
}
