using System.Globalization;
using QSLM.Boards.Failures;
using QSLM.Boards.Sessions;
using QSLM.Boards.Settings;
using QSLM.Errors;
using QSLM.Harness.Power;
using QSLM.Model;
using QSLM.Protocol;
using QSLM.Protocol.Messages;
using QSLM.Search.Board;
using QSLM.Search.Hierarchy;
using QSLM.Search.Objective;
using QSLM.Search.Tiers;
using QSLM.Sensors.Board;
using QSLM.Sensors.Estimation;

namespace QSLM.Harness.Search;

/// <summary>
/// Measures candidates on a real board through its agent: packs the candidate with the same codecs
/// the host evaluated it with, deploys it through the board's transport, has the board score it on
/// the host's data (a board metric too far from the host's is the candidate's wrong output), then
/// measures its power. With a meter (on the board, sampled by the agent between its own marks, or on the
/// host beside it, aligned to those marks) that is a <see cref="LabMeasurement"/>: the idle power, then the
/// candidate and the fp32 baseline in interleaved windows a lab accepts. With no meter, the run's counted
/// operations are priced (labelled estimated). The board's profile settings are pinned and read back first.
/// </summary>
public sealed class AgentBoardMeasurer : IBoardMeasurer, IAsyncDisposable
{
    private readonly BoardSession _session;
    private readonly CandidatePacker _packer;
    private readonly CandidateChecks _checks;
    private readonly string _folder;
    private readonly BoardCheckSettings _settings;
    private readonly BoardPowerPlan _power;
    private readonly Precisions _fp32;
    private readonly IBoardWindows _windows;
    private readonly BoardMemoryBudget? _memoryBudget;
    private readonly IProgress<string>? _progress;
    private string? _baselinePath;
    private bool _announced;
    private bool _idleReported;

    /// <param name="session">The board.</param>
    /// <param name="model">An untouched copy of the model to pack candidates from (owned).</param>
    /// <param name="vocabularyHash">The vocabulary's hash for the packed manifest.</param>
    /// <param name="folder">Where packed candidates are written while measured, and each measurement's windows logged.</param>
    /// <param name="metric">What the board's score is.</param>
    /// <param name="settings">Data, tolerance and the timed workload of an estimate.</param>
    /// <param name="power">The meter, the windows and the settings to pin.</param>
    /// <param name="fp32">The fp32 baseline's precisions, packed for the interleaved windows.</param>
    /// <param name="memoryBudget">The memory a candidate may take on the board (its profile's), or null for no check.</param>
    /// <param name="progress">Hears, once, which agent build the board runs, the settings it read back and the budget it is held to.</param>
    public AgentBoardMeasurer(BoardSession session, SpikeGpt model, string vocabularyHash, string folder, MetricKind metric, BoardCheckSettings settings,
        BoardPowerPlan power, Precisions fp32, BoardMemoryBudget? memoryBudget, IProgress<string>? progress = null)
    {
        _progress = progress;
        _session = session;
        _packer = new CandidatePacker(model, vocabularyHash);
        _checks = new CandidateChecks(metric, settings.Tolerance, memoryBudget);
        _folder = folder;
        _settings = settings;
        _power = power;
        _fp32 = fp32;
        _memoryBudget = memoryBudget;
        IBoardWindows windows = new SessionBoardWindows(session);
        _windows = power.HostSimulation is { } simulated ? new BusyWhileRunningWindows(windows, simulated) : windows;
        Directory.CreateDirectory(folder);
    }

    /// <summary>The windows of every measurement, in words, or null when power is estimated.</summary>
    public string? PowerWindows => _power.WindowsText;

    /// <summary>The file each lab measurement's windows are appended to (one row per window, discarded ones included,
    /// each led by the candidate's number); default <c>windows.csv</c> beside the packed candidates.</summary>
    public string? WindowsLog { get; init; }

    /// <summary>
    /// Brings the board up before the search: connects, pins the profile's settings and reads each back (a mismatch
    /// fails the board as infrastructure, naming the setting), and, with a meter, reads it for a moment to learn the
    /// tag its figures will carry (a meter that gives nothing fails here rather than at the first candidate).
    /// </summary>
    /// <returns>The tag every power figure of the search carries, and the settings read back.</returns>
    /// <exception cref="InfrastructureFailureException">The board could not be brought up, a setting did not hold, or the meter gave no sample.</exception>
    /// <exception cref="InputException">The board's agent refused the meter's spec.</exception>
    public async Task<(SourceTag Source, AppliedSettings? Settings)> PrepareAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _session.ConnectAsync(cancellationToken).ConfigureAwait(false);
            AppliedSettings? applied = null;
            if (!_power.Settings.IsEmpty)
            {
                applied = await _session.ApplySettingsAsync(_power.Settings, cancellationToken).ConfigureAwait(false);
                _progress?.Report($"board {_session.Name}: settings read back: {applied.Describe()}");
            }
            return (await MeterSourceAsync(cancellationToken).ConfigureAwait(false), applied);
        }
        catch (BoardFailureException e) when (e.Code == ErrorCodes.BadRequest)
        {
            throw new InputException($"board {_session.Name} refused the meter: {e.InnerException?.Message ?? e.Message}", e);
        }
        catch (BoardFailureException e)
        {
            throw new InfrastructureFailureException(e.Message, e);
        }
    }

    private async Task<SourceTag> MeterSourceAsync(CancellationToken cancellationToken)
    {
        if (_power.Meter is not { } meter) return SourceTag.Estimated(EnergyConstants.Horowitz45nm.Model);
        if (meter.Host is { } host) return host.Source;
        var probe = await _windows.IdleAsync(TimeSpan.FromSeconds(0.2), [meter.Spec], cancellationToken).ConfigureAwait(false);
        var tags = probe.Samples.Where(s => s.Values.Count > 0).Select(s => s.Source).Distinct().ToList();
        return tags is [var tag] ? tag
            : throw new InfrastructureFailureException($"board {_session.Name}: meter {meter.Spec} gave {(tags.Count == 0 ? "no sample" : "samples under several tags")} in a 0.2 s idle window");
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
    public string Pack(Candidate candidate, string path) => _packer.Pack(candidate.Precisions, path);

    // A cancelled token stops the board session's current phase, which tears its channel down: the
    // local agent's process tree is killed, an SSH channel closed, a serial port closed.
    private async Task<BoardMeasurement> MeasurePackedAsync(Candidate candidate, string path, CancellationToken cancellationToken)
    {
        var check = await _session.EvaluateAsync(path, _settings.Evaluation, cancellationToken).ConfigureAwait(false);
        Announce();
        if (_power.Meter is { } meter) return await MeasureInWindowsAsync(candidate, path, check, meter, cancellationToken).ConfigureAwait(false);

        var run = await _session.RunAsync(path, _settings.Run, null, cancellationToken).ConfigureAwait(false);
        return EstimatedMeasurement.Of(check, run, path, peak => _checks.Failure(candidate.Metric, check.Metric, peak, _session.Agent));
    }

    // The lab's windows: the candidate interleaved with the fp32 baseline in the same run, so its saving is paired
    // against a baseline measured under the same drift and temperature. A candidate that already failed its check is
    // not worth the windows.
    private async Task<BoardMeasurement> MeasureInWindowsAsync(Candidate candidate, string path, EvaluationResult check, LabMeter meter, CancellationToken cancellationToken)
    {
        var failure = _checks.Failure(candidate.Metric, check.Metric, check.PeakRssBytes, _session.Agent);
        var onto = new BoardMeasurement(check.Metric, null, check.PeakRssBytes, null, null, null, null, failure);
        if (failure is not null) return onto;
        var isBaseline = candidate.Precisions.Equals(_fp32);
        var baseline = isBaseline ? path : BaselinePath();
        LabResult result;
        try
        {
            result = await new LabMeasurement(_windows, meter, _power.Rules)
                .MeasureAsync(baseline, isBaseline ? null : path, seed: candidate.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            // A meter that went silent or changed its tag mid-run says nothing about the candidate.
            throw new InfrastructureFailureException($"board {_session.Name}: meter {meter.Spec}: {e.Message}", e);
        }
        LabWindowCsv.Append(WindowsLog ?? Path.Combine(_folder, "windows.csv"), candidate.Id, result);
        CheckIdle(result);
        return result.ToBoardMeasurement(isBaseline ? LabSide.Baseline : LabSide.Candidate, onto);
    }

    // Once per search: an idle power outside the profile's range is worth a look before trusting the figures.
    private void CheckIdle(LabResult result)
    {
        if (_idleReported || _power.ExpectedIdle is not { } expected || expected.Contains(result.IdleWatts)) return;
        _idleReported = true;
        _progress?.Report(FormattableString.Invariant(
            $"board {_session.Name}: warning: idle power {result.IdleWatts:0.###} W ({result.Source}) lies outside the profile's expected {expected}; check the meter's rail and shunt, and that nothing else runs on the board"));
    }

    // The fp32 baseline packed once and kept for the whole search (a resumed search packs it again).
    private string BaselinePath()
    {
        if (_baselinePath is null)
        {
            _baselinePath = _packer.Pack(_fp32, Path.Combine(_folder, "baseline-fp32.qslm"));
        }
        return _baselinePath;
    }

    // Once, after the first connection: which agent build the board runs and the budget it is held
    // to, so a log shows that the candidates really ran there (an emulated arm64 board says linux-arm64).
    private void Announce()
    {
        if (_announced || _session.Agent is not { } hello) return;
        _announced = true;
        var budget = _memoryBudget?.Resolve(hello) is { } bytes ? string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes ({_memoryBudget.Source})") : "none";
        var power = _power.Meter is { } meter
            ? $"meter {meter.Spec} on the {(meter.OnHostSide ? "host" : "board")}, {_power.WindowsText}"
            : "no meter: power estimated from counted operations";
        _progress?.Report($"board {_session.Name}: agent {hello.AgentVersion} on {hello.RuntimeId} via {_session.Description}; memory budget {budget}; {power}");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Says bye to the agent and closes the link, then frees the packing copy of the model.
        await _session.DisposeAsync().ConfigureAwait(false);
        _power.HostSensor?.Dispose();
        if (_baselinePath is not null) File.Delete(_baselinePath);
        _packer.Dispose();
    }
}
