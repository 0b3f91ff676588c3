using QSLM.Reports.Document;
using QSLM.Sensors.Sampling;

namespace QSLM.Harness.Qualification;

/// <summary>The report of a qualification: one check per board × model × check, the boards as their agents named
/// them, the models with their hashes, and how each figure was taken.</summary>
public static class QualifyReport
{
    /// <summary>The report's kind.</summary>
    public const string Kind = "qualify";

    /// <summary>The power windows' rules in words, for the provenance.</summary>
    public static string WindowRules(LabWindowRules rules) => FormattableString.Invariant(
        $"{(rules.Quick ? "quick (shorter or fewer than a lab accepts): " : "")}{rules.Repeats} windows of {rules.Window.TotalSeconds:0.###} s of the model alone, {rules.Warmup.TotalSeconds:0.###} s warm-up discarded, idle {rules.IdleWindow.TotalSeconds:0.###} s measured first, cool-down {rules.CooldownPause.TotalSeconds:0.###} s; run only where a power or energy ceiling is set");

    /// <summary>Builds the report.</summary>
    public static RunReport Build(QualifyRequest request, QualifyResult result, ReportProvenance provenance, string? runId)
    {
        var checks = result.Checks;
        var tally = QualifyTally.Of(checks) with { Incidents = result.Incidents.Count };
        var latency = new LatencyPercentiles(0, 0, request.Run.Repeats).Method;
        return new RunReport
        {
            Kind = Kind,
            Title = $"Qualification of {string.Join(", ", request.Models.Select(m => m.Label))} on {string.Join(", ", request.Boards)}",
            RunId = runId,
            Verdict = tally.Outcome,
            Status = tally.Status,
            Provenance = provenance,
            Boards = result.Boards,
            Windows = result.Windows,
            Models = [.. request.Models.Select(m => new ReportModel(m.Label, m.Path, m.Sha256, m.Bytes, m.Description))],
            Checks = checks,
            Notes =
            [
                .. request.Models.Select(m => $"{m.Label}: agreement compares the board's answers with QSLM.Runtime's on the host, same packed file, on {request.Data.Describe(m.IsSst2)}"),
                FormattableString.Invariant($"latency: {request.Run.Tokens} tokens per repeat after {request.Run.Warmup} warm-up tokens; {latency}"),
                "power and energy: mean power and energy per token with idle included, in lab windows of the model alone, held at the upper end of their 95% interval (Student's t over the windows) to the ceiling; an estimate is stated, never held to a ceiling",
                "memory: the agent's peak resident memory (VmHWM) over the scoring and the timed run, against the profile's memory_for_model (or MemAvailable at hello)",
                "a check without a threshold is not run (its figure is still stated); an error is an infrastructure failure, not a failed check",
                .. result.Incidents.Select(i => "infrastructure incident, recovered: " + i),
            ],
        };
    }
}
