using QSLM.Boards.Sessions;
using QSLM.Protocol.Messages;

namespace QSLM.Harness.Search;

/// <summary>How candidates are checked and timed on the board.</summary>
/// <param name="Evaluation">The data the board scores each candidate on (the host's own slice), token ids only.</param>
/// <param name="Tolerance">How far the board's metric may be from the host's before the candidate counts as giving
/// wrong output: accuracy points as a fraction (0.005 = half a point), or a relative perplexity change.</param>
/// <param name="Run">The timed workload (tokens per repeat, warm-up, repeats).</param>
public sealed record BoardCheckSettings(RunEvaluation Evaluation, double Tolerance, RunSettings Run);
