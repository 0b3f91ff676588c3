using System.Text.RegularExpressions;
using QSLM.Errors;
using QSLM.Farm.Lava;
using QSLM.Harness.Qualification;
using QSLM.Harness.Verification;
using QSLM.Protocol.Messages;
using QSLM.Reports.Document;

namespace QSLM.Harness.Farms;

/// <summary>
/// Qualifies on a LAVA farm: reads the health of every device of the type, spreads the models over the healthy ones
/// (one job per device, several models per job, so a job's fixed overhead is paid once per device), runs the jobs in
/// parallel, and decides each model's checks from its agent's answers with the direct mode's verdicts. A job that
/// LAVA ends with an infrastructure error is run again on another healthy device (pinned there by the device's own
/// tag), so a flaky board never fails a model; its device is named in the progress lines. The agent and the models
/// reach the boards from an <see cref="ArtifactServer"/> on <see cref="LavaQualifyOptions.ArtifactAddress"/>.
/// </summary>
public sealed partial class LavaQualifyBackend(LavaClient client, LavaQualifyOptions options) : IQualifyBackend
{
    private readonly Lock _decide = new();

    /// <summary>Why power is not checked under LAVA (host-side meters there are out of scope).</summary>
    public const string NoPower = "power is not measured on a LAVA device: host-side meters under a farm engine are out of scope (docs/farm.md)";

    /// <summary>The healthy devices of the type, by name; none is the user's problem to fix (exit 2 would be wrong: it
    /// is the farm's), so it is an infrastructure failure.</summary>
    public async Task<IReadOnlyList<LavaDevice>> HealthyDevicesAsync(CancellationToken cancellationToken)
    {
        var all = (await client.DevicesAsync(cancellationToken).ConfigureAwait(false)).Where(d => d.DeviceType == options.DeviceType).ToList();
        if (all.Count == 0) throw new InputException($"LAVA at {client.Server} has no device of type '{options.DeviceType}'");
        if (options.Tags.Count > 0)
        {
            var names = await client.TagsAsync(cancellationToken).ConfigureAwait(false);
            all = [.. all.Where(d => options.Tags.All(t => d.TagIds.Any(id => names.GetValueOrDefault(id) == t)))];
            if (all.Count == 0) throw new InputException($"LAVA at {client.Server} has no device of type '{options.DeviceType}' tagged {string.Join(" and ", options.Tags)}");
        }
        var healthy = all.Where(d => d.IsHealthy).OrderBy(d => d.Hostname, StringComparer.Ordinal).ToList();
        return healthy.Count > 0 ? healthy
            : throw new InfrastructureFailureException($"no '{options.DeviceType}' device of LAVA at {client.Server} is healthy ({string.Join(", ", all.Select(d => $"{d.Hostname} {d.Health}"))})");
    }

    /// <inheritdoc />
    public async Task RunAsync(QualifyRequest request, IReadOnlyDictionary<string, HostAnswer> host, IQualifySink sink, CancellationToken cancellationToken)
    {
        var devices = await HealthyDevicesAsync(cancellationToken).ConfigureAwait(false);
        sink.Progress($"lava: {devices.Count} healthy '{options.DeviceType}' devices: {string.Join(", ", devices.Select(d => d.Hostname))}");
        await using var artifacts = new ArtifactServer(options.ArtifactAddress);
        Publish(artifacts, request);
        var shares = Spread(request.Models, devices.Count);
        await Task.WhenAll(shares.Select((models, i) => RunShareAsync(request, host, sink, artifacts, models, devices, devices[i].Hostname, _failed, cancellationToken))).ConfigureAwait(false);
    }

    private readonly HashSet<string> _failed = new(StringComparer.Ordinal);

    /// <summary>The devices whose job LAVA ended with an infrastructure error in the run, by name.</summary>
    public IReadOnlyList<string> InfrastructureFailures
    {
        get
        {
            lock (_failed) return [.. _failed.Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>The models dealt out over <paramref name="devices"/> devices in turn (at most one share per model).</summary>
    public static IReadOnlyList<IReadOnlyList<QualifyModel>> Spread(IReadOnlyList<QualifyModel> models, int devices) =>
        [.. Enumerable.Range(0, Math.Min(devices, models.Count)).Select(d => (IReadOnlyList<QualifyModel>)[.. models.Where((_, i) => i % devices == d)])];

    private void Publish(ArtifactServer artifacts, QualifyRequest request)
    {
        BoardArtifacts.AddCommon(artifacts, options.AgentRuntime);
        foreach (var model in request.Models)
        {
            artifacts.AddFile($"models/{model.Sha256}.qslm", model.Path);
            artifacts.AddBytes($"sessions/{model.Sha256}.jsonl", BoardArtifacts.Session(model.Sha256, model.IsSst2, request.Data, request.Run, options.HostVersion));
        }
    }

    private async Task RunShareAsync(QualifyRequest request, IReadOnlyDictionary<string, HostAnswer> host, IQualifySink sink, ArtifactServer artifacts,
        IReadOnlyList<QualifyModel> models, IReadOnlyList<LavaDevice> devices, string device, HashSet<string> failed, CancellationToken cancellationToken)
    {
        var outcome = await LavaShareRetry.RunAsync(d => RunJobAsync(sink, artifacts, models, d, cancellationToken), device, [.. devices.Select(d => d.Hostname)], failed,
            (from, why, next) =>
            {
                sink.Incident(from, $"{why}; its models ran again on {next}");
                sink.Progress($"board {from}: {why}; LAVA set its health to Unknown; running its models again on {next} (the models are not to blame)");
            }).ConfigureAwait(false);
        if (outcome.Run is { } run)
        {
            Decide(request, host, sink, models, run);
            return;
        }
        // The share's checks are errors; the other shares go on.
        sink.Progress($"board {outcome.Device}: {outcome.Why}");
        lock (_decide)
        {
            foreach (var model in models) new RecordedBoardChecks(outcome.Device, Targets(request, outcome.Device), sink, NoPower).Error(model, outcome.Why!);
        }
    }

    private Task<LavaJobRunner.Run> RunJobAsync(IQualifySink sink, ArtifactServer artifacts, IReadOnlyList<QualifyModel> models, string device, CancellationToken cancellationToken) =>
        new LavaJobRunner(client, options).RunAsync($"qslm qualify {string.Join(", ", models.Select(m => m.Label))}", device, artifacts,
            [.. models.Select(m => new LavaJobRunner.Case(CaseName(m.Label), m.Sha256, m.IsSst2 ? "fraction" : "perplexity"))], [], sink.Progress, cancellationToken);

    private void Decide(QualifyRequest request, IReadOnlyDictionary<string, HostAnswer> host, IQualifySink sink, IReadOnlyList<QualifyModel> models, LavaJobRunner.Run run)
    {
        var device = run.Outcome.Job.Device ?? "unknown device";
        lock (_decide)
        {
            var checks = new RecordedBoardChecks(device, Targets(request, device), sink, NoPower);
            HelloReply? hello = null;
            foreach (var model in models)
            {
                if (!run.Answers.TryGetValue(model.Sha256, out var bytes))
                {
                    // The job completed but this model's answers are not in its log, or the test shell itself failed.
                    checks.Error(model, run.Outcome.Completed
                        ? $"infrastructure failure: LAVA job {run.Outcome.Job.Id} completed without {model.Label}'s answers in its log"
                        : $"infrastructure failure: LAVA {run.Outcome.Describe()}");
                    continue;
                }
                var (h, evaluation, result) = AgentSessionScript.Read(bytes);
                hello ??= h;
                checks.Decide(model, host[model.Label], new RecordedBoardChecks.Answers(h, evaluation, result));
            }
            sink.Board(Board(device, run.Outcome.Job.Id, hello));
        }
    }

    private ReportBoard Board(string device, int job, HelloReply? hello)
    {
        var identity = hello?.Identity;
        var agent = hello is null ? null : $"{hello.AgentVersion} on {hello.RuntimeId}";
        return new ReportBoard(device, $"lava {client.Server} device {device} (job {job})", null, identity?.HostName, identity?.Model, identity?.Serial,
            identity?.Kernel, identity?.Firmware, agent, null, []);
    }

    private static QSLM.Boards.Profiles.QualifyTargets Targets(QualifyRequest request, string device) => QualifyBoards.Targets(device, null, request.Targets, request.Tolerance);

    /// <summary>A model's label as a LAVA test case name (letters, digits, '.', '_' and '-').</summary>
    public static string CaseName(string label) => UnsafeCaseCharacters().Replace(label, "_");

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex UnsafeCaseCharacters();
}
