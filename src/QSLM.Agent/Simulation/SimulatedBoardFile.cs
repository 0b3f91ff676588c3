using System.Text.Json;
using QSLM.Errors;
using QSLM.Sensors.Board;

namespace QSLM.Agent.Simulation;

/// <summary>
/// What <c>qslm-agent serve --simulate-board FILE</c> simulates: which board's sensors, and the energy model that
/// turns the work the agent measures of itself into power. Power in each interval is <see cref="IdleWatts"/> plus
/// the interval's processor seconds times <see cref="JoulesPerCpuSecond"/>, its multiply-accumulates of each weight
/// width times <see cref="PicojoulesPerMultiplyAccumulate"/> of that width and its accumulates times
/// <see cref="PicojoulesPerAccumulate"/>, over the interval's length. Nothing depends on a format's name.
/// </summary>
internal sealed record SimulatedBoardFile
{
    /// <summary>The model's name, tagged on every reading as <c>simulated:&lt;model&gt;</c>.</summary>
    public required string Model { get; init; }

    /// <summary>The sensors simulated: <see cref="SimulatedBoardKinds.JetsonIna3221"/>, <see cref="SimulatedBoardKinds.Pi5Pmic"/> or <see cref="SimulatedBoardKinds.Ina219"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>Power with no work.</summary>
    public double IdleWatts { get; init; }

    /// <summary>Energy per second of processor time the agent's process uses.</summary>
    public double JoulesPerCpuSecond { get; init; }

    /// <summary>Energy of one multiply-accumulate by the bit width of its weight operand; a width not listed costs nothing.</summary>
    public Dictionary<int, double> PicojoulesPerMultiplyAccumulate { get; init; } = [];

    /// <summary>Energy of one accumulate (a spike's addition).</summary>
    public double PicojoulesPerAccumulate { get; init; }

    /// <summary>The INA3221 driver's conversion period (<c>update_interval</c>) of the fake Jetson tree, which sets the sampling rate.</summary>
    public int UpdateIntervalMs { get; init; } = 20;

    /// <summary>Temperature model; none: the board reports no temperature.</summary>
    public SimulatedThermal? Thermal { get; init; }

    /// <summary>Zero-based indices of the timed windows (each repeat of each run, counted over the agent's life; idle
    /// windows not counted) that report throttling; null: the board reports no throttle state.</summary>
    public IReadOnlyList<int>? ThrottledWindows { get; init; }

    /// <summary>Which board the simulation says it is (host name, model, serial, kernel, firmware), written into the fake
    /// tree under the sensor root for the agent's hello; none: the agent reads the real machine's.</summary>
    public SimulatedIdentity? Identity { get; init; }

    /// <summary>Per-model energies by the packed file's SHA-256 (lower-case hex): while such a model runs, its tokens are
    /// priced at their stated energy instead of the work the agent measures, so a test or demonstration sets each
    /// model's energy per token; null: every model is priced by its work.</summary>
    public Dictionary<string, SimulatedModelEnergy>? Models { get; init; }

    /// <summary>Relative standard deviation of the dynamic power (above idle), drawn once per timed window, as a real
    /// board's windows vary; 0: none.</summary>
    public double WindowNoise { get; init; }

    /// <summary>A file whose presence hangs the board: while it exists the agent answers nothing (as a board whose kernel
    /// locked up), until a power cycle (the bench file's <c>power_switch</c>) removes it; relative to the board file's
    /// folder. For tests and demonstrations of recovery; null: the board never hangs.</summary>
    public string? HungWhile { get; init; }

    /// <summary>Whether the board is hung now (<see cref="HungWhile"/> exists).</summary>
    public bool IsHung => HungWhile is { } flag && File.Exists(flag);

    /// <summary>Seed of the generator <see cref="WindowNoise"/> is drawn from, so a run repeats its windows' noise.</summary>
    public int NoiseSeed { get; init; } = 1;

    /// <summary>Reads and checks <paramref name="path"/>.</summary>
    /// <exception cref="InputException">The file is missing, not JSON of this shape, or states an impossible board.</exception>
    public static SimulatedBoardFile Load(string path)
    {
        SimulatedBoardFile? file;
        try
        {
            using var stream = File.OpenRead(path);
            file = JsonSerializer.Deserialize(stream, SimulatedBoardJson.Default.SimulatedBoardFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new InputException($"--simulate-board {path}: {e.Message}", e);
        }
        file = (file ?? throw new InputException($"--simulate-board {path}: the file holds null")).Check(path);
        return file.HungWhile is { } flag ? file with { HungWhile = Path.GetFullPath(flag, Path.GetDirectoryName(Path.GetFullPath(path))!) } : file;
    }

    private SimulatedBoardFile Check(string path)
    {
        void Require(bool ok, string what)
        {
            if (!ok) throw new InputException($"--simulate-board {path}: {what}");
        }
        Require(SourceTag.TryParse("simulated:" + Model, out _), $"model '{Model}' must be a name without ':' or spaces");
        Require(SimulatedBoardKinds.All.Contains(Kind), $"kind '{Kind}' is not one of {string.Join(", ", SimulatedBoardKinds.All)}");
        Require(double.IsFinite(IdleWatts) && IdleWatts >= 0, "idleWatts must be 0 or more");
        Require(double.IsFinite(JoulesPerCpuSecond) && JoulesPerCpuSecond >= 0, "joulesPerCpuSecond must be 0 or more");
        Require(double.IsFinite(PicojoulesPerAccumulate) && PicojoulesPerAccumulate >= 0, "picojoulesPerAccumulate must be 0 or more");
        Require(PicojoulesPerMultiplyAccumulate.All(p => p.Key is >= 1 and <= 64 && double.IsFinite(p.Value) && p.Value >= 0), "picojoulesPerMultiplyAccumulate maps weight widths of 1 to 64 bits to 0 or more picojoules");
        Require(UpdateIntervalMs is >= 1 and <= 10_000, "updateIntervalMs must be 1 to 10000");
        Require(Thermal is null || (double.IsFinite(Thermal.AmbientCelsius) && double.IsFinite(Thermal.CelsiusPerWatt)), "thermal needs finite ambientCelsius and celsiusPerWatt");
        Require(ThrottledWindows is null || ThrottledWindows.All(w => w >= 0), "throttledWindows are zero-based window indices");
        Require(Models is null || Models.All(m => m.Key.Length == 64 && m.Key.All(char.IsAsciiHexDigitLower) && m.Value is { } e && double.IsFinite(e.JoulesPerToken) && e.JoulesPerToken >= 0),
            "models maps lower-case SHA-256 hex strings to {\"joulesPerToken\": 0 or more}");
        // The agent's own processor time (its sampling, its protocol) runs in idle windows as in a model's, but a stated
        // model's tokens replace the priced work: priced processor time would show in idle and not in the model's windows,
        // and every net figure would fall short of the stated one by it.
        Require(Models is null || JoulesPerCpuSecond == 0, "a board that states models' energies (models) must set joulesPerCpuSecond to 0: the agent's own processor time would count in idle windows and not in the stated models' windows");
        Require(double.IsFinite(WindowNoise) && WindowNoise is >= 0 and < 1, "windowNoise must be 0 or more and below 1");
        return this;
    }
}
