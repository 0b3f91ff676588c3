namespace QSLM.Boards.Sessions;

/// <summary>What to run on the board; becomes a <see cref="QSLM.Protocol.Messages.RunWorkload"/>.</summary>
/// <param name="Tokens">Tokens per timed repeat.</param>
/// <param name="Warmup">Untimed tokens first.</param>
/// <param name="Repeats">Timed repeats, each between acknowledged start and stop marks.</param>
/// <param name="Seed">Seed of the token stream.</param>
/// <param name="Threads">Runtime threads; 0 for one per processor.</param>
public sealed record RunSettings(int Tokens = 256, int Warmup = 16, int Repeats = 1, int Seed = 1, int Threads = 0);
