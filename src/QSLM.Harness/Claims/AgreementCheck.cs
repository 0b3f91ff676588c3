namespace QSLM.Harness.Claims;

/// <summary>Whether a packed file gives the host's answers on the board.</summary>
/// <param name="Model">Its label.</param>
/// <param name="Quantity">What was compared: <c>accuracy</c> (with every prediction) or <c>perplexity</c>.</param>
/// <param name="Board">The board's figure.</param>
/// <param name="Host">The host runtime's figure on the same file and data.</param>
/// <param name="Agrees">Whether they agree: identical predictions, or a perplexity within the tolerance.</param>
/// <param name="Deviation">The SST-2 predictions that differ (a count), or the perplexity's relative difference.</param>
/// <param name="Tolerance">What the deviation is held to (0 predictions, or the relative tolerance).</param>
/// <param name="Detail">One line for people.</param>
/// <param name="Seconds">How long the board took.</param>
/// <param name="PeakRssBytes">The agent's peak memory while scoring, when readable.</param>
public sealed record AgreementCheck(string Model, string Quantity, double Board, double Host, bool Agrees, double Deviation, double Tolerance, string Detail, double Seconds, long? PeakRssBytes);
