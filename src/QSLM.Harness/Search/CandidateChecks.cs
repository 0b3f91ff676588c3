using QSLM.Protocol.Messages;
using QSLM.Search.Objective;

namespace QSLM.Harness.Search;

/// <summary>
/// Whether what a board said of a candidate is the candidate's own fault: a score too far from the host's (wrong
/// output) or a peak resident memory over the board's budget. Every way a candidate reaches a board (a session with
/// the agent, or a farm's job replayed afterwards) decides with these, so both fail the same candidates.
/// </summary>
/// <param name="Metric">What the board's score is.</param>
/// <param name="Tolerance">How far the board's score may be from the host's: accuracy as a fraction, perplexity as a relative change.</param>
/// <param name="MemoryBudget">The memory a candidate may take on the board, or null for no check.</param>
public sealed record CandidateChecks(MetricKind Metric, double Tolerance, BoardMemoryBudget? MemoryBudget)
{
    /// <summary>Why the board's score <paramref name="board"/> is wrong against the host's <paramref name="host"/>, or null when it agrees.</summary>
    public string? WrongOutput(double host, double board)
    {
        var off = Metric == MetricKind.Accuracy ? Math.Abs(board - host) : Math.Abs(board / host - 1);
        return off <= Tolerance ? null : FormattableString.Invariant(
            $"wrong output: the board scored {board:0.####} where the host scored {host:0.####} (tolerance {Tolerance:0.####})");
    }

    /// <summary>The candidate's failure on the board (wrong output first, then memory), or null when it passed.</summary>
    /// <param name="host">The host's score.</param>
    /// <param name="board">The board's score.</param>
    /// <param name="peakBytes">The agent's peak resident memory.</param>
    /// <param name="agent">The agent's hello (its <c>MemAvailable</c> where the profile sets no budget).</param>
    public string? Failure(double host, double board, long? peakBytes, HelloReply? agent) =>
        WrongOutput(host, board) ?? MemoryBudget?.Check(peakBytes, MemoryBudget.Resolve(agent));
}
