namespace QSLM.Errors;

/// <summary>
/// The board, its link or its agent failed after every retry while a candidate was being measured.
/// Kept apart from a candidate's failure (LAVA's infrastructure errors): the candidate is not marked
/// bad, the failure is logged as <c>failed:infrastructure</c>, and the search stops so that the same
/// command resumes it once the board is back.
/// </summary>
public sealed class InfrastructureFailureException(string message, Exception? inner = null) : Exception(message, inner);
