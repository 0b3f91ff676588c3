using System.Text.Json;
using QSLM.Boards.Settings;
using QSLM.Boards.Failures;
using QSLM.Errors;
using QSLM.Farm.Lava;
using QSLM.Harness.Power;
using QSLM.Harness.Search;
using QSLM.Protocol;
using QSLM.Protocol.Messages;
using QSLM.Search.Board;
using QSLM.Search.Hierarchy;
using QSLM.Search.Tiers;
using QSLM.Sensors.Board;
using QSLM.Sensors.Estimation;

namespace QSLM.Harness.Farms;

/// <summary>
/// Measures a search's candidates on the healthy devices of a LAVA device type: each batch is dealt over the devices
/// (one job per device, several candidates per job, so a job's fixed overhead is paid once per device per batch). Each
/// candidate is packed as the direct mode packs it and served, with the fp32 baseline, from an
/// <see cref="ArtifactServer"/>; its agent session, written before the job, scores it on the host's data and then either
/// takes the lab measurement of it against the baseline written ahead (<see cref="RecordingBoardWindows"/>, with a meter
/// on the board) or times a run whose counted operations price its power (no meter). Once the job is over, the
/// agent's answers go through the direct mode's code: the same checks (<see cref="CandidateChecks"/>), the same
/// <see cref="LabMeasurement"/> replayed (<see cref="ReplayedBoardWindows"/>) or the same estimate. A job LAVA ends with
/// an infrastructure error has its candidates run again on another healthy device; with none left they fail for
/// infrastructure, and the search stops to be resumed.
/// </summary>
public sealed class LavaBoardMeasurer : IBoardMeasurer, ISearchBoards
{
    private readonly LavaClient _client;
    private readonly LavaQualifyOptions _options;
    private readonly CandidatePacker _packer;
    private readonly string _folder;
    private readonly CandidateChecks _checks;
    private readonly BoardCheckSettings _settings;
    private readonly BoardPowerPlan _power;
    private readonly Precisions _fp32;
    private readonly string? _simulatedBoard;
    private readonly string? _simulatedModel;
    private readonly IProgress<string>? _progress;
    private readonly HashSet<string> _lost = new(StringComparer.Ordinal);
    private ArtifactServer? _artifacts;
    private string? _baseline;
    private string? _baselineSha;

    /// <param name="client">The farm's server (not owned).</param>
    /// <param name="options">The device type, tags, agent runtime and artifact address.</param>
    /// <param name="packer">Packs candidates (owned).</param>
    /// <param name="folder">Where packed candidates are kept while a batch runs.</param>
    /// <param name="checks">What fails a candidate on the board.</param>
    /// <param name="settings">The host's data and the timed workload of an estimate.</param>
    /// <param name="power">The meter (on the board: a meter on the host cannot follow a farm's job) and its windows, or none to estimate.</param>
    /// <param name="fp32">The fp32 baseline's precisions, packed for the interleaved windows.</param>
    /// <param name="simulatedBoard">A simulated board's file the devices' agents simulate (<c>--simulate-board</c>), or null.</param>
    /// <param name="progress">Hears each job, its outcome, and devices lost.</param>
    /// <exception cref="InputException">The plan's meter is on the host.</exception>
    public LavaBoardMeasurer(LavaClient client, LavaQualifyOptions options, CandidatePacker packer, string folder, CandidateChecks checks, BoardCheckSettings settings,
        BoardPowerPlan power, Precisions fp32, string? simulatedBoard, IProgress<string>? progress = null)
    {
        if (power.Meter is { OnHostSide: true } host)
            throw new InputException($"meter {host.Spec} is on the host: a LAVA job runs without QSLM beside the board, so only a meter the board reads itself can be used (docs/farm.md)");
        (_client, _options, _packer, _folder, _checks, _settings, _power, _fp32, _simulatedBoard, _progress) =
            (client, options, packer, folder, checks, settings, power, fp32, simulatedBoard, progress);
        _simulatedModel = simulatedBoard is null ? null : SimulatedModel(simulatedBoard);
        Directory.CreateDirectory(folder);
    }

    // The model a simulated board's file names: the agent tags its figures simulated:MODEL.
    private static string SimulatedModel(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        return json.RootElement.TryGetProperty("model", out var model) && model.GetString() is { Length: > 0 } name ? name
            : throw new InputException($"simulated board file {file} names no model");
    }

    /// <inheritdoc />
    public string Board => $"lava {_options.DeviceType}";

    /// <summary>The file each lab measurement's windows are appended to; default <c>windows.csv</c> beside the packed candidates.</summary>
    public string? WindowsLog { get; init; }

    /// <inheritdoc />
    public string? PowerWindows => _power.WindowsText;

    /// <inheritdoc />
    public IBoardMeasurer Measurer => this;

    /// <summary>The devices whose job LAVA ended with an infrastructure error, by name.</summary>
    public IReadOnlyList<string> Lost
    {
        get
        {
            lock (_lost) return [.. _lost.Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>Checks that the device type has a healthy device, and names the tag every power figure will carry: the
    /// estimate's, or the simulated board's. A real meter on a device's board is refused: its tag is only known from a
    /// job on the board, and a search does not start on a guess.</summary>
    /// <exception cref="InputException">A meter on a board that is not simulated, or no device of the type.</exception>
    /// <exception cref="InfrastructureFailureException">No device of the type is healthy.</exception>
    public async Task<(SourceTag Source, AppliedSettings? Settings)> PrepareAsync(CancellationToken cancellationToken)
    {
        var source = _power.Meter is not { } meter ? SourceTag.Estimated(EnergyConstants.Horowitz45nm.Model)
            : _simulatedModel is { } model ? SourceTag.Simulated(model)
            : throw new InputException($"meter {meter.Spec}: a meter on a LAVA device's board is only used where the device simulates its board; measure real boards' power on a bench (docs/farm.md)");
        var devices = await DevicesAsync(cancellationToken).ConfigureAwait(false);
        var power = _power.Meter is { } m ? $"meter {m.Spec} on the board, {_power.WindowsText}" : "no meter: power estimated from counted operations";
        _progress?.Report($"lava: {devices.Count} healthy '{_options.DeviceType}' devices of {_client.Server}: {string.Join(", ", devices)}; {power}");
        return (source, null);
    }

    /// <summary>Checks that the device type has a healthy device before the search starts.</summary>
    /// <exception cref="InfrastructureFailureException">None is healthy.</exception>
    /// <exception cref="InputException">The type (with its tags) has no device.</exception>
    public async Task<IReadOnlyList<string>> DevicesAsync(CancellationToken cancellationToken) =>
        [.. (await new LavaQualifyBackend(_client, _options).HealthyDevicesAsync(cancellationToken).ConfigureAwait(false)).Select(d => d.Hostname)];

    /// <summary>Packs <paramref name="candidate"/> to <paramref name="path"/>, as the devices get it.</summary>
    public string Pack(Candidate candidate, string path) => _packer.Pack(candidate.Precisions, path);

    /// <inheritdoc />
    public async Task<BoardMeasurement> MeasureAsync(Candidate candidate, CancellationToken cancellationToken)
    {
        var batch = await MeasureManyAsync([candidate], cancellationToken).ConfigureAwait(false);
        return batch.Measured.TryGetValue(candidate.Id, out var measured) ? measured : throw batch.Failed[candidate.Id];
    }

    /// <inheritdoc />
    public async Task<BoardBatch> MeasureManyAsync(IReadOnlyList<Candidate> candidates, CancellationToken cancellationToken)
    {
        var batch = new BoardBatch();
        IReadOnlyList<string> devices;
        try
        {
            devices = await DevicesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InfrastructureFailureException e)
        {
            foreach (var candidate in candidates) batch.Fail(candidate.Id, e);
            return batch;
        }
        var artifacts = Artifacts();
        var packed = new List<Packed>();
        try
        {
            foreach (var candidate in candidates) packed.Add(await PackAsync(artifacts, candidate, cancellationToken).ConfigureAwait(false));
            var shares = Enumerable.Range(0, Math.Min(devices.Count, packed.Count))
                .Select(d => packed.Where((_, i) => i % devices.Count == d).ToList()).ToList();
            await Task.WhenAll(shares.Select((share, d) => RunShareAsync(artifacts, share, devices, devices[d], batch, cancellationToken))).ConfigureAwait(false);
        }
        finally
        {
            foreach (var p in packed) File.Delete(p.Path);
        }
        return batch;
    }

    // A candidate packed and served, with the windows its session asks for (none when power is estimated).
    private sealed record Packed(Candidate Candidate, string Path, string Sha256, IReadOnlyList<WindowRequest>? Windows);

    private ArtifactServer Artifacts()
    {
        if (_artifacts is not null) return _artifacts;
        var artifacts = new ArtifactServer(_options.ArtifactAddress);
        BoardArtifacts.AddCommon(artifacts, _options.AgentRuntime);
        if (_simulatedBoard is not null) artifacts.AddFile(SimulatedBoardArtifact, _simulatedBoard);
        var baseline = _packer.Pack(_fp32, Path.Combine(_folder, "baseline-fp32.qslm"));
        var baselineSha = SearchManifest.Sha256(baseline);
        artifacts.AddFile($"models/{baselineSha}.qslm", baseline);
        (_artifacts, _baseline, _baselineSha) = (artifacts, baseline, baselineSha);
        return artifacts;
    }

    private const string SimulatedBoardArtifact = "simulated-board.json";

    private async Task<Packed> PackAsync(ArtifactServer artifacts, Candidate candidate, CancellationToken cancellationToken)
    {
        var path = Pack(candidate, Path.Combine(_folder, $"candidate-{candidate.Id}.qslm"));
        var sha = SearchManifest.Sha256(path);
        var baseline = _baseline!;
        var messages = new List<Message> { new Hello(ProtocolLimits.Version, _options.HostVersion), _settings.Evaluation with { Sha256 = sha } };
        IReadOnlyList<WindowRequest>? windows = null;
        if (_power.Meter is { } meter)
        {
            var recording = new RecordingBoardWindows();
            var isBaseline = candidate.Precisions.Equals(_fp32);
            await new LabMeasurement(recording, meter, _power.Rules).MeasureAsync(isBaseline ? path : baseline, isBaseline ? null : path, seed: candidate.Id, cancellationToken).ConfigureAwait(false);
            windows = recording.Requests;
            messages.AddRange(RecordingBoardWindows.Session(windows, p => p == path ? sha : _baselineSha!, _settings.Run));
        }
        else
        {
            var run = _settings.Run;
            messages.Add(new RunWorkload(sha, run.Tokens, run.Warmup, run.Repeats, run.Seed, run.Threads));
            for (var r = 0; r < run.Repeats; r++) messages.AddRange([new MarkAck(MarkPhase.Start, r), new MarkAck(MarkPhase.Stop, r)]);
        }
        messages.Add(new Bye());
        // The baseline as a candidate is the baseline's file, served for the whole search: its candidate file goes with the batch.
        if (sha != _baselineSha) artifacts.AddFile($"models/{sha}.qslm", path);
        artifacts.AddBytes($"sessions/{sha}.jsonl", AgentSessionScript.Lines(messages));
        return new Packed(candidate, path, sha, windows);
    }

    private async Task RunShareAsync(ArtifactServer artifacts, IReadOnlyList<Packed> share, IReadOnlyList<string> devices, string device, BoardBatch batch, CancellationToken cancellationToken)
    {
        var jobs = new LavaJobRunner(_client, _options);
        var cases = share.Select(p => new LavaJobRunner.Case($"candidate-{p.Candidate.Id}", p.Sha256, _checks.Metric == QSLM.Search.Objective.MetricKind.Accuracy ? "fraction" : "perplexity")).ToList();
        List<string> options = [.. _power.Meter is null ? [] : new[] { "--model", _baselineSha! }];
        if (_simulatedBoard is not null) options.AddRange(["--simulate-board", SimulatedBoardArtifact]);
        var outcome = await LavaShareRetry.RunAsync(
            d => jobs.RunAsync($"qslm search candidates {string.Join(", ", share.Select(p => p.Candidate.Id))}", d, artifacts, cases, options, line => _progress?.Report(line), cancellationToken),
            device, devices, _lost,
            (from, why, next) =>
            {
                _progress?.Report($"board {from}: {why}; running its candidates again on {next} (no candidate blamed)");
                foreach (var _ in share) batch.CountRerun();
            }).ConfigureAwait(false);
        if (outcome.Run is { } run)
        {
            foreach (var p in share) await DecideAsync(p, run, batch, cancellationToken).ConfigureAwait(false);
            return;
        }
        foreach (var p in share) batch.Fail(p.Candidate.Id, outcome.Failure!);
    }

    private async Task DecideAsync(Packed packed, LavaJobRunner.Run run, BoardBatch batch, CancellationToken cancellationToken)
    {
        var device = run.Outcome.Job.Device ?? "unknown device";
        var id = packed.Candidate.Id;
        if (!run.Answers.TryGetValue(packed.Sha256, out var bytes))
        {
            batch.Fail(id, new InfrastructureFailureException(run.Outcome.Completed
                ? $"LAVA job {run.Outcome.Job.Id} on {device} completed without candidate {id}'s answers in its log"
                : $"LAVA {run.Outcome.Describe()}"));
            return;
        }
        try
        {
            var measured = await MeasuredAsync(packed, device, AgentSessionScript.Messages(bytes), cancellationToken).ConfigureAwait(false);
            batch.Add(id, measured with { MeasuredOn = device });
        }
        catch (BoardFailureException e) when (e.Class == FailureClass.Candidate)
        {
            batch.Add(id, new BoardMeasurement(null, null, null, null, null, null, null, $"{e.Code}: {e.InnerException?.Message ?? e.Message}") { MeasuredOn = device });
        }
        catch (BoardFailureException e)
        {
            batch.Fail(id, new InfrastructureFailureException(e.Message, e));
        }
        catch (InfrastructureFailureException e)
        {
            batch.Fail(id, e);
        }
    }

    // The answers as the direct mode's session would have returned them: an error reply is classified as it would
    // have been there, so the same errors blame the candidate.
    private async Task<BoardMeasurement> MeasuredAsync(Packed packed, string device, IReadOnlyList<Message> answers, CancellationToken cancellationToken)
    {
        var hello = answers.OfType<HelloReply>().FirstOrDefault();
        var at = answers.ToList().FindIndex(m => m is EvaluationResult or ErrorReply);
        var check = at < 0 ? throw new InfrastructureFailureException($"board {device}: the agent's answers about candidate {packed.Candidate.Id} end before its scoring")
            : Answer<EvaluationResult>(answers[at], BoardPhase.Run, device);
        var after = answers.Skip(at + 1).ToList();
        var candidate = packed.Candidate;
        if (packed.Windows is not { } windows)
        {
            var timed = after.FirstOrDefault(m => m is RunResult or ErrorReply { Code: not ErrorCodes.OutOfSequence })
                ?? throw new InfrastructureFailureException($"board {device}: the agent's answers about candidate {candidate.Id} end before its timed run");
            var run = Answer<RunResult>(timed, BoardPhase.Run, device);
            return EstimatedMeasurement.Of(check, run, packed.Path, peak => _checks.Failure(candidate.Metric, check.Metric, peak, hello));
        }
        var failure = _checks.Failure(candidate.Metric, check.Metric, check.PeakRssBytes, hello);
        var onto = new BoardMeasurement(check.Metric, null, check.PeakRssBytes, null, null, null, null, failure);
        if (failure is not null) return onto;
        var meter = _power.Meter!;
        var isBaseline = candidate.Precisions.Equals(_fp32);
        LabResult result;
        try
        {
            result = await new LabMeasurement(new ReplayedBoardWindows(device, windows, after), meter, _power.Rules)
                .MeasureAsync(isBaseline ? packed.Path : _baseline!, isBaseline ? null : packed.Path, seed: candidate.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            throw new InfrastructureFailureException($"board {device}: meter {meter.Spec}: {e.Message}", e);
        }
        LabWindowCsv.Append(WindowsLog ?? Path.Combine(_folder, "windows.csv"), candidate.Id, result);
        return result.ToBoardMeasurement(isBaseline ? LabSide.Baseline : LabSide.Candidate, onto);
    }

    private static T Answer<T>(Message message, BoardPhase phase, string device) where T : Message => message switch
    {
        T answer => answer,
        ErrorReply error => throw FailureClassifier.Classify(new AgentErrorException(error), phase, device),
        _ => throw new InfrastructureFailureException($"board {device}: the agent answered {message.GetType().Name} where {typeof(T).Name} was due"),
    };

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_artifacts is not null) await _artifacts.DisposeAsync().ConfigureAwait(false);
        if (_baseline is not null) File.Delete(_baseline);
        _packer.Dispose();
    }
}
