using QSLM.Agent.Sampling;
using QSLM.Sensors.Board.Thermal;

namespace QSLM.Agent.Simulation;

/// <summary>
/// The power of a simulated board, on a thread of its own: every few milliseconds it prices the work the agent measured
/// of itself since the last tick (<see cref="WorkMeter"/>, <see cref="EnergyModel"/>; a model with a stated energy per
/// token: its tokens at that energy, spent as their work is done, <see cref="TokenEnergy"/>), the part above idle scaled
/// by a factor drawn once per timed window where the board states a window noise, and adds it to the energy spent. The
/// simulated sensors read <see cref="Watts"/>, the mean power over the sensor's averaging time
/// (<see cref="AveragedPower"/>); <see cref="Ticked"/> lets a fake sysfs tree follow it.
/// </summary>
internal sealed class BoardSimulation : IDisposable
{
    /// <summary>How often the power is updated.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(5);

    /// <summary>The shortest time a sensor's reading averages over, as an INA3221 set to average several conversions
    /// does: long enough that a reading taken after the agent's process was starved of processor time for a few tens of
    /// milliseconds (an emulator on a loaded machine) still says what the board drew, short beside any window.</summary>
    public const double AveragingSeconds = 0.25;

    private readonly SimulatedBoardFile _board;
    private readonly EnergyModel _energy;
    private readonly WorkMeter _work;
    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread _thread;
    private readonly TokenEnergy _tokenEnergy = new();
    private readonly AveragedPower _averaged;
    private readonly Random _noise;
    private double _noiseFactor = 1;
    private double _watts;
    private int _timedWindows;

    /// <summary>Starts simulating <paramref name="board"/> driven by <paramref name="work"/>.</summary>
    public BoardSimulation(SimulatedBoardFile board, WorkMeter work)
    {
        _board = board;
        _energy = new EnergyModel(board);
        _work = work;
        _watts = board.IdleWatts;
        _noise = new Random(board.NoiseSeed);
        _averaged = new AveragedPower(Math.Max(board.UpdateIntervalMs / 1000.0, AveragingSeconds));
        _thread = new Thread(Loop) { IsBackground = true, Name = "simulated board" };
    }

    /// <summary>The simulated board's description.</summary>
    public SimulatedBoardFile Board => _board;

    /// <summary>Mean power over the sensors' averaging time (<see cref="AveragingSeconds"/>, or the conversion period if longer).</summary>
    public double Watts => Volatile.Read(ref _watts);

    /// <summary>Called on the simulation's thread after each update, with the new power.</summary>
    public event Action<double>? Ticked;

    /// <summary>Starts the updates.</summary>
    public void Start() => _thread.Start();

    /// <summary>The thermal state during a window: the thermal model's temperature at the power now, and the stated
    /// throttling of the window, counted among the timed windows when <paramref name="timed"/>.</summary>
    public Func<ThermalReading> Thermal(bool timed)
    {
        var window = timed ? Interlocked.Increment(ref _timedWindows) - 1 : -1;
        if (timed && _board.WindowNoise > 0) Volatile.Write(ref _noiseFactor, NoiseFactor());
        var throttled = _board.ThrottledWindows is { } list ? list.Contains(window) : (bool?)null;
        var detail = throttled == true ? FormattableString.Invariant($"simulated:{_board.Model} throttles timed window {window}") : null;
        return () => new ThermalReading(_board.Thermal is { } t ? t.AmbientCelsius + t.CelsiusPerWatt * Watts : null, throttled, detail);
    }

    private void Loop()
    {
        var cpu = WorkMeter.CpuSeconds;
        var (macs, accumulates) = _work.Operations();
        var time = AgentClock.Seconds;
        _averaged.Add(time, 0, _board.IdleWatts);
        while (!_stop.Wait(Tick))
        {
            var nowCpu = WorkMeter.CpuSeconds;
            var (nowMacs, nowAccumulates) = _work.Operations();
            var now = AgentClock.Seconds;
            if (now > time)
            {
                var added = nowMacs.ToDictionary(m => m.Key, m => m.Value - macs.GetValueOrDefault(m.Key));
                var work = _energy.Joules(nowCpu - cpu, added, nowAccumulates - accumulates);
                var (model, tokens) = _work.Tokens();
                if (model is not null && _board.Models?.GetValueOrDefault(model) is { } stated)
                    work = _tokenEnergy.Joules(model, tokens, nowMacs.Values.Sum(), stated.JoulesPerToken);
                else _tokenEnergy.Reset();
                var joules = (_energy.IdleWatts * (now - time)) + (work * Volatile.Read(ref _noiseFactor));
                var watts = _averaged.Add(now, joules, _energy.IdleWatts);
                Volatile.Write(ref _watts, watts);
                try
                {
                    Ticked?.Invoke(watts);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The fake tree went away (its folder removed while the agent still ran): the power goes on.
                    Console.Error.WriteLine("qslm-agent: simulated board: " + e.Message);
                }
                (cpu, macs, accumulates, time) = (nowCpu, nowMacs, nowAccumulates, now);
            }
        }
    }

    // One draw of a normal deviate by Box-Muller, on the seeded generator: the same board file repeats its windows' noise.
    private double NoiseFactor()
    {
        lock (_noise)
        {
            var normal = Math.Sqrt(-2 * Math.Log(1 - _noise.NextDouble())) * Math.Cos(2 * Math.PI * _noise.NextDouble());
            return Math.Max(0, 1 + (_board.WindowNoise * normal));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Set();
        if (_thread.IsAlive) _thread.Join();
        _stop.Dispose();
    }
}
