using System.Globalization;
using QSLM.Boards.Failures;
using QSLM.Boards.Sessions;
using QSLM.Errors;
using QSLM.Model;
using QSLM.Model.Quantization;
using QSLM.Protocol.Messages;
using QSLM.Runtime.Inference;
using QSLM.Search.Board;
using QSLM.Search.Objective;
using QSLM.Search.Tiers;
using QSLM.Sensors.Board;
using QSLM.Sensors.Sampling;
using QSLM.Sensors.Simulation;

namespace QSLM.Harness.Search;

/// <summary>
/// Measures candidates on a real board through its agent: packs the candidate with the same codecs
/// the host evaluated it with, deploys it through the board's transport, has the board score it on
/// the host's data (a board metric too far from the host's is the candidate's wrong output), then
/// runs the timed workload while a sensor is sampled between the agent's acknowledged marks, or,
/// with no sensor, prices the run's counted operations (labelled estimated).
/// </summary>
public sealed class AgentBoardMeasurer : IBoardMeasurer, IAsyncDisposable
{
    private readonly BoardSession _session;
    private readonly SpikeGpt _model;
    private readonly string _vocabularyHash;
    private readonly string _folder;
    private readonly MetricKind _metric;
    private readonly BoardCheckSettings _settings;
    private readonly Func<IPowerSensor>? _openSensor;
    private readonly SimulatedBoard? _simulated;
    private readonly BoardMemoryBudget? _memoryBudget;
    private readonly IProgress<string>? _progress;
    private bool _announced;

    /// <param name="session">The board.</param>
    /// <param name="model">An untouched copy of the model to pack candidates from (owned).</param>
    /// <param name="vocabularyHash">The vocabulary's hash for the packed manifest.</param>
    /// <param name="folder">Where packed candidates are written while measured.</param>
    /// <param name="metric">What the board's score is.</param>
    /// <param name="settings">Data, tolerance and timed workload.</param>
    /// <param name="openSensor">Opens the sensor sampled over the marks, or null to estimate.</param>
    /// <param name="simulated">The simulated board behind a simulated sensor, made busy between marks.</param>
    /// <param name="memoryBudget">The memory a candidate may take on the board (its profile's), or null for no check.</param>
    /// <param name="progress">Hears, once, which agent build the board runs and the budget it is held to.</param>
    public AgentBoardMeasurer(BoardSession session, SpikeGpt model, string vocabularyHash, string folder, MetricKind metric, BoardCheckSettings settings,
        Func<IPowerSensor>? openSensor, SimulatedBoard? simulated, BoardMemoryBudget? memoryBudget, IProgress<string>? progress = null)
    {
        _progress = progress;
        _session = session;
        _model = model;
        _vocabularyHash = vocabularyHash;
        _folder = folder;
        _metric = metric;
        _settings = settings;
        _openSensor = openSensor;
        _simulated = simulated;
        _memoryBudget = memoryBudget;
        Directory.CreateDirectory(folder);
    }

    /// <inheritdoc />
    public string Board => _session.Name;

    /// <inheritdoc />
    public async Task<BoardMeasurement> MeasureAsync(Candidate candidate, CancellationToken cancellationToken)
    {
        var path = Pack(candidate, Path.Combine(_folder, $"candidate-{candidate.Id}.qslm"));
        try
        {
            return await MeasurePackedAsync(candidate, path, cancellationToken).ConfigureAwait(false);
        }
        catch (BoardFailureException e) when (e.Class == FailureClass.Candidate)
        {
            return new BoardMeasurement(null, null, null, null, null, null, null, $"{e.Code}: {e.InnerException?.Message ?? e.Message}");
        }
        catch (BoardFailureException e)
        {
            throw new InfrastructureFailureException(e.Message, e);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Packs <paramref name="candidate"/> to <paramref name="path"/> (the file the board gets).</summary>
    public string Pack(Candidate candidate, string path)
    {
        ModelPacker.Pack(_model, candidate.Precisions.ToAssignment(), _vocabularyHash, path);
        return path;
    }

    // A cancelled token stops the board session's current phase, which tears its channel down: the
    // local agent's process tree is killed, an SSH channel closed, a serial port closed.
    private async Task<BoardMeasurement> MeasurePackedAsync(Candidate candidate, string path, CancellationToken cancellationToken)
    {
        var check = await _session.EvaluateAsync(path, _settings.Evaluation, cancellationToken).ConfigureAwait(false);
        Announce();
        var windows = new Dictionary<int, (TimeSpan Start, TimeSpan Stop)>();
        using var sensor = _openSensor?.Invoke();
        using var sampling = sensor is null ? null : new Sampler(sensor, TimeProvider.System).StartBackground();
        var run = await _session.RunAsync(path, _settings.Run, (mark, _) =>
        {
            if (sampling is not null)
            {
                var at = sampling.Mark();
                // A retried run starts its repeats again; the last attempt's windows are the ones kept.
                windows[mark.Repeat] = mark.Phase == MarkPhase.Start ? (at, TimeSpan.Zero) : (windows.GetValueOrDefault(mark.Repeat).Start, at);
            }
            if (_simulated is not null) _simulated.Busy = mark.Phase == MarkPhase.Start;
            return Task.CompletedTask;
        }, cancellationToken).ConfigureAwait(false);
        var measured = sampling is null
            ? BoardPower.Estimate(run, WeightBytesPerToken(path))
            : BoardPower.FromWindows(sampling.Stop(), windows.OrderBy(p => p.Key).Select(p => p.Value).ToList(), run.Tokens);

        var latency = run.RepeatSeconds.Order().ElementAt(run.RepeatSeconds.Count / 2) / run.Tokens * 1000;
        var peak = new[] { check.PeakRssBytes, run.PeakRssBytes }.Max();
        var failure = WrongOutput(candidate.Metric, check.Metric) ?? _memoryBudget?.Check(peak, _memoryBudget.Resolve(_session.Agent));
        return new BoardMeasurement(check.Metric, latency, peak, measured.Watts, measured.Ci95Watts, measured.JoulesPerToken, measured.Source, failure);
    }

    private string? WrongOutput(double host, double board)
    {
        var off = _metric == MetricKind.Accuracy ? Math.Abs(board - host) : Math.Abs(board / host - 1);
        return off <= _settings.Tolerance ? null : FormattableString.Invariant(
            $"wrong output: the board scored {board:0.####} where the host scored {host:0.####} (tolerance {_settings.Tolerance:0.####})");
    }

    // Once, after the first connection: which agent build the board runs and the budget it is held
    // to, so a log shows that the candidates really ran there (an emulated arm64 board says linux-arm64).
    private void Announce()
    {
        if (_announced || _session.Agent is not { } hello) return;
        _announced = true;
        var budget = _memoryBudget?.Resolve(hello) is { } bytes ? string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes ({_memoryBudget.Source})") : "none";
        _progress?.Report($"board {_session.Name}: agent {hello.AgentVersion} on {hello.RuntimeId} via {_session.Description}; memory budget {budget}");
    }

    private static long WeightBytesPerToken(string path)
    {
        using var runtime = SpikeGptRuntime.Open(path);
        return runtime.WeightBytesPerToken(runtime.HasLmHead);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Says bye to the agent and closes the link, then frees the packing copy of the model.
        await _session.DisposeAsync().ConfigureAwait(false);
        _model.Dispose();
    }
}
