namespace QSLM.Boards.Sessions;

/// <summary>What to run on the board; becomes a <see cref="QSLM.Protocol.Messages.RunWorkload"/>.</summary>
/// <param name="Tokens">Tokens per timed repeat (at least; more to fill <paramref name="MinSeconds"/>).</param>
/// <param name="Warmup">Untimed tokens first.</param>
/// <param name="Repeats">Timed repeats, each between acknowledged start and stop marks.</param>
/// <param name="Seed">Seed of the token stream.</param>
/// <param name="Threads">Runtime threads; 0 for one per processor.</param>
/// <param name="MinSeconds">Each timed repeat lasts at least this long; 0 runs exactly <paramref name="Tokens"/>.</param>
/// <param name="WarmupSeconds">The untimed warm-up lasts at least this long.</param>
/// <param name="Sensors">Sensor specs the agent samples between each repeat's marks; none when null or empty.</param>
public sealed record RunSettings(int Tokens = 256, int Warmup = 16, int Repeats = 1, int Seed = 1, int Threads = 0,
    double MinSeconds = 0, double WarmupSeconds = 0, IReadOnlyList<string>? Sensors = null);
