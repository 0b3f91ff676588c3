namespace QSLM.Reports.Document;

/// <summary>A power claim's figures and verdict.</summary>
/// <param name="Claim">The claimed relative difference of the candidate against the baseline (−0.2 for "20% less").</param>
/// <param name="Quantity">What the claim is about, in words (e.g. "energy per token above idle").</param>
/// <param name="Verdict"><c>supported</c>, <c>contradicted</c> or <c>inconclusive</c>.</param>
/// <param name="Difference">The observed relative difference (candidate/baseline − 1), mean over paired repeats.</param>
/// <param name="Low">Lower end of its 95% interval.</param>
/// <param name="High">Upper end of its 95% interval.</param>
/// <param name="IntervalMethod">How the interval was computed, in words (e.g. "Student's t over 5 paired repeats").</param>
/// <param name="Pairs">Paired repeats the interval rests on.</param>
/// <param name="PairsToDecide">When inconclusive: paired repeats that would decide it with 90% probability at the observed mean and variance, else null.</param>
/// <param name="Figures">Each side's power and energy (per token and per inference), gross and net, with intervals.</param>
public sealed record ClaimSection(double Claim, string Quantity, string Verdict, double Difference, double Low, double High, string IntervalMethod, int Pairs, int? PairsToDecide,
    IReadOnlyList<ClaimFigure> Figures);

/// <summary>One figure of one side of a claim.</summary>
/// <param name="Side"><c>baseline</c> or <c>candidate</c>.</param>
/// <param name="Quantity">What it is (power, energy per token, energy per inference; gross or net).</param>
/// <param name="Value">Its median over the kept windows.</param>
/// <param name="Ci95">Half-width of its 95% interval.</param>
/// <param name="Unit">Its unit.</param>
/// <param name="Source">Its provenance tag.</param>
public sealed record ClaimFigure(string Side, string Quantity, double Value, double? Ci95, string Unit, string Source);
