namespace QSLM.Harness.Power;

/// <summary>
/// The relation between the agent's monotonic clock and the host's, fitted from clock exchanges, so the marks
/// the agent takes can cut the samples of a meter on the host. Each exchange says the agent read its clock at
/// some host time between the request and the reply (Cristian, "Probabilistic clock synchronization",
/// Distributed Computing 3, 1989); the host time is taken as the midpoint, off by at most half the round trip.
/// A line <c>agent − host = offset + drift·(host − reference)</c> is fitted by least squares weighted by
/// 1/round-trip², so the exchanges that crossed the network fastest, and so pin the clocks closest, decide it.
/// The clocks are taken as linear over a measurement (a crystal's drift changes with temperature over minutes,
/// not seconds): exchanges before and after the windows give the drift, and every mark between them is
/// interpolated.
/// </summary>
public sealed class ClockSync
{
    private ClockSync(double referenceHostSeconds, double offsetSeconds, double drift, double errorBoundSeconds, int exchanges)
    {
        ReferenceHostSeconds = referenceHostSeconds;
        OffsetSeconds = offsetSeconds;
        Drift = drift;
        ErrorBoundSeconds = errorBoundSeconds;
        Exchanges = exchanges;
    }

    /// <summary>Exchanges of one burst: enough that a few cross the network without queueing.</summary>
    public const int BurstExchanges = 8;

    /// <summary>Host span of the exchanges below which drift is not fitted (it cannot be told from jitter).</summary>
    public const double MinimumDriftSpanSeconds = 1;

    /// <summary>The host time at which <see cref="OffsetSeconds"/> holds (the exchanges' weighted mean).</summary>
    public double ReferenceHostSeconds { get; }

    /// <summary>Agent clock minus host clock at <see cref="ReferenceHostSeconds"/>.</summary>
    public double OffsetSeconds { get; }

    /// <summary>Agent seconds gained per host second (0 when not fitted); 1e-6 is one part per million.</summary>
    public double Drift { get; }

    /// <summary>Drift in parts per million.</summary>
    public double DriftPpm => Drift * 1e6;

    /// <summary>
    /// The most a mapped mark can be off, between the first and the last exchange: at the best exchange of each
    /// half of the exchanges (by host time), how far the line passes from its midpoint plus half its round trip;
    /// the larger of the two, since a line held within e₁ and e₂ of the truth at two times is held within the larger
    /// between them when both clocks run linearly. With a single burst (no drift fitted) it holds near the burst only.
    /// </summary>
    public double ErrorBoundSeconds { get; }

    /// <summary>Exchanges the fit used.</summary>
    public int Exchanges { get; }

    /// <summary>Fits the clocks from <paramref name="exchanges"/>.</summary>
    public static ClockSync Fit(IReadOnlyList<ClockExchange> exchanges)
    {
        if (exchanges.Count == 0) throw new ArgumentException("at least one clock exchange is needed", nameof(exchanges));
        foreach (var e in exchanges)
        {
            if (!(e.HostReceivedSeconds >= e.HostSentSeconds) || !double.IsFinite(e.AgentSeconds))
                throw new ArgumentException($"a clock exchange whose reply came before its request, or without a time: {e}", nameof(exchanges));
        }
        // A floor keeps a zero round trip (a fake, or a coarse clock) from taking all the weight as infinity.
        var weights = exchanges.Select(e => 1 / Math.Pow(Math.Max(RoundTrip(e), 1e-6), 2)).ToArray();
        var hosts = exchanges.Select(Midpoint).ToArray();
        var offsets = exchanges.Select((e, i) => e.AgentSeconds - hosts[i]).ToArray();
        var total = weights.Sum();
        var reference = hosts.Select((h, i) => weights[i] * h).Sum() / total;
        var meanOffset = offsets.Select((o, i) => weights[i] * o).Sum() / total;
        var spread = hosts.Select((h, i) => weights[i] * (h - reference) * (h - reference)).Sum();
        var drift = hosts.Max() - hosts.Min() >= MinimumDriftSpanSeconds && spread > 0
            ? hosts.Select((h, i) => weights[i] * (h - reference) * (offsets[i] - meanOffset)).Sum() / spread
            : 0;
        var sync = new ClockSync(reference, meanOffset, drift, 0, exchanges.Count);
        return new ClockSync(reference, meanOffset, drift, sync.BoundOver(exchanges), exchanges.Count);
    }

    /// <summary>A burst of <see cref="BurstExchanges"/> exchanges with <paramref name="board"/>, one after another.</summary>
    public static async Task<IReadOnlyList<ClockExchange>> BurstAsync(IBoardWindows board, CancellationToken cancellationToken)
    {
        var burst = new List<ClockExchange>(BurstExchanges);
        for (var i = 0; i < BurstExchanges; i++) burst.Add(await board.SyncAsync(cancellationToken).ConfigureAwait(false));
        return burst;
    }

    /// <summary>The host time at which the agent's clock read <paramref name="agentSeconds"/>.</summary>
    public double ToHost(double agentSeconds) =>
        // agent = host + offset + drift·(host − reference), solved for host.
        (agentSeconds - OffsetSeconds + (Drift * ReferenceHostSeconds)) / (1 + Drift);

    /// <summary>The agent's clock at host time <paramref name="hostSeconds"/>.</summary>
    public double ToAgent(double hostSeconds) => hostSeconds + OffsetSeconds + (Drift * (hostSeconds - ReferenceHostSeconds));

    private double BoundOver(IReadOnlyList<ClockExchange> exchanges)
    {
        var byTime = exchanges.OrderBy(Midpoint).ToList();
        var half = (byTime.Count + 1) / 2;
        return Math.Max(BestBound(byTime.Take(half)), BestBound(byTime.Skip(byTime.Count - half)));
    }

    private double BestBound(IEnumerable<ClockExchange> exchanges) =>
        exchanges.Min(e => Math.Abs(ToHost(e.AgentSeconds) - Midpoint(e)) + (RoundTrip(e) / 2));

    private static double RoundTrip(ClockExchange e) => e.HostReceivedSeconds - e.HostSentSeconds;

    private static double Midpoint(ClockExchange e) => (e.HostSentSeconds + e.HostReceivedSeconds) / 2;
}
