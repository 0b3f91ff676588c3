using QSLM.Harness.Power;
using QSLM.Protocol.Messages;
using QSLM.Sensors.Board;
using QSLM.Sensors.Sampling;

namespace QSLM.Harness.Tests.Power;

/// <summary>
/// A board simulated in true time, instantly: each call moves the simulation on by what it would take. The host's
/// clock reads true time plus <see cref="HostBase"/>; the agent's reads <see cref="AgentBase"/> plus true time run
/// fast by <see cref="Drift"/>. Power is <see cref="IdleWatts"/> plus each model's draw while it runs (warm-up
/// included), read with a gain that drifts by <see cref="GainPerSecond"/> over the run; a board sensor is sampled every
/// <see cref="SampleInterval"/> of the agent's clock. Requests and replies each cross a network that takes
/// <see cref="MinDelay"/> to <see cref="MaxDelay"/>, drawn from a seeded generator.
/// </summary>
internal sealed class FakeBoardWindows(int seed = 1) : IBoardWindows
{
    private readonly Random _random = new(seed);
    private readonly List<(double From, double To, double Watts)> _busy = [];
    private int _runs;
    private double _celsius;

    public double True { get; private set; }

    public double HostBase { get; init; } = 1000;

    public double AgentBase { get; init; } = 1000;

    public double Drift { get; init; }

    public double MinDelay { get; init; }

    public double MaxDelay { get; init; }

    public double IdleWatts { get; init; } = 2;

    public double GainPerSecond { get; init; }

    public double SampleInterval { get; init; } = 0.01;

    public SourceTag Source { get; init; } = SourceTag.Simulated("fake-board");

    /// <summary>Watts and tokens per second of each model while it runs.</summary>
    public Dictionary<string, (double Watts, double TokensPerSecond)> Models { get; } = [];

    /// <summary>Run calls (zero-based, in order) whose windows report throttling.</summary>
    public HashSet<int> ThrottledRuns { get; init; } = [];

    /// <summary>Run calls whose samples carry another tag.</summary>
    public HashSet<int> OtherTagRuns { get; init; } = [];

    /// <summary>Whether the board reports temperature: idle at <see cref="IdleCelsius"/>, each run leaves it
    /// <see cref="HeatPerRun"/> hotter, and it loses <see cref="CoolingPerSecond"/> of the excess per idle second.</summary>
    public bool ReportsTemperature { get; init; }

    public double IdleCelsius { get; init; } = 40;

    public double HeatPerRun { get; init; } = 10;

    public double CoolingPerSecond { get; init; } = 0.2;

    /// <summary>The temperature at the start of each run window.</summary>
    public List<double> CelsiusAtRunStart { get; } = [];

    /// <summary>Every window: true start and stop, and the model (null when idle).</summary>
    public List<(double From, double To, string? Model)> Windows { get; } = [];

    /// <summary>Sensors asked for, per call.</summary>
    public List<IReadOnlyList<string>> SensorRequests { get; } = [];

    public double HostSeconds => HostAt(True);

    public double HostAt(double trueSeconds) => HostBase + trueSeconds;

    public double AgentAt(double trueSeconds) => AgentBase + (trueSeconds * (1 + Drift));

    public double WattsAt(double trueSeconds) =>
        (IdleWatts + _busy.Where(b => trueSeconds >= b.From && trueSeconds < b.To).Sum(b => b.Watts)) * (1 + (GainPerSecond * trueSeconds));

    public Task<BoardWindow> IdleAsync(TimeSpan length, IReadOnlyList<string> sensors, CancellationToken cancellationToken)
    {
        SensorRequests.Add(sensors);
        True += Delay();
        var from = True;
        True += length.TotalSeconds;
        _celsius *= Math.Exp(-CoolingPerSecond * length.TotalSeconds);
        var window = Window(from, True, 0, sensors, Source, throttled: false);
        Windows.Add((from, True, null));
        True += Delay();
        return Task.FromResult(window);
    }

    public Task<BoardWindow> RunAsync(string modelPath, TimeSpan length, TimeSpan warmup, IReadOnlyList<string> sensors, CancellationToken cancellationToken)
    {
        SensorRequests.Add(sensors);
        var (watts, rate) = Models[modelPath];
        True += Delay();
        var warm = True;
        True += warmup.TotalSeconds;
        var from = True;
        CelsiusAtRunStart.Add(IdleCelsius + _celsius);
        True += length.TotalSeconds;
        // The work stops after the stop mark and the window's last sample.
        _busy.Add((warm, True + (2 * SampleInterval), watts));
        _celsius += HeatPerRun;
        var run = _runs++;
        var window = Window(from, True, (long)Math.Round(rate * length.TotalSeconds), sensors, OtherTagRuns.Contains(run) ? SourceTag.Simulated("other-board") : Source, ThrottledRuns.Contains(run));
        Windows.Add((from, True, modelPath));
        True += Delay();
        return Task.FromResult(window);
    }

    public Task<ClockExchange> SyncAsync(CancellationToken cancellationToken)
    {
        var sent = HostSeconds;
        True += Delay();
        var agent = AgentAt(True);
        True += Delay();
        return Task.FromResult(new ClockExchange(sent, agent, HostSeconds));
    }

    /// <summary>A meter on the host reading this board's supply every <paramref name="interval"/> of the host's clock.</summary>
    public IHostMeter HostMeter(double interval) => new Meter(this, interval);

    private BoardWindow Window(double from, double to, long tokens, IReadOnlyList<string> sensors, SourceTag source, bool throttled)
    {
        var samples = new List<SensorSamples>();
        foreach (var sensor in sensors)
        {
            // The agent samples from its start mark on, at its own rate, and once more at or after the stop mark.
            var times = new List<double>();
            var values = new List<double>();
            for (var t = from; ; t += SampleInterval / (1 + Drift))
            {
                times.Add(AgentAt(t));
                values.Add(WattsAt(t));
                if (t >= to) break;
            }
            samples.Add(new SensorSamples(tokens > 0 ? 0 : SensorSamples.IdleWindow, sensor, "power", "W", source, times, values));
        }
        var thermal = ReportsTemperature || throttled
            ? new ThermalState(ReportsTemperature ? IdleCelsius + _celsius : null, throttled, throttled ? "simulated throttle" : null)
            : null;
        return new BoardWindow(AgentAt(from), AgentAt(to), tokens, to - from, samples, thermal);
    }

    private double Delay() => MinDelay + (_random.NextDouble() * (MaxDelay - MinDelay));

    private sealed class Meter(FakeBoardWindows board, double interval) : IHostMeter
    {
        public SourceTag Source => SourceTag.Simulated("host-meter");

        public TimeSpan Interval => TimeSpan.FromSeconds(interval);

        public IHostMeterRecording Start() => new Recording(board, interval, board.True);
    }

    private sealed class Recording(FakeBoardWindows board, double interval, double from) : IHostMeterRecording
    {
        public SampleSeries Stop()
        {
            var readings = new List<PowerReading>();
            for (var t = from; t <= board.True; t += interval)
                readings.Add(new PowerReading { Timestamp = TimeSpan.FromSeconds(board.HostAt(t)), Power = UnitsNet.Power.FromWatts(board.WattsAt(t)), Source = SourceTag.Simulated("host-meter") });
            return new SampleSeries(SourceTag.Simulated("host-meter"), readings);
        }

        public void Dispose()
        {
        }
    }
}
