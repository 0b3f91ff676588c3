using QSLM.Errors;
using QSLM.Farm.Lava;

namespace QSLM.Harness.Farms;

/// <summary>
/// Runs one job of <c>qslm-board.sh</c> on a named LAVA device and brings back what it left: the job's outcome in
/// QSLM's failure classes and the agent's answers per model, read from the job's log. Each job's LAVA log and JUnit are
/// kept in <see cref="LavaQualifyOptions.JobsFolder"/> when set.
/// </summary>
/// <param name="client">The server.</param>
/// <param name="options">How jobs are written and followed.</param>
public sealed class LavaJobRunner(LavaClient client, LavaQualifyOptions options)
{
    /// <summary>A finished job: its outcome and the agent's answers, by the SHA-256 of the model they are about.</summary>
    public sealed record Run(JobOutcome Outcome, IReadOnlyDictionary<string, byte[]> Answers);

    /// <summary>One case of the board script: the LAVA test case name, the model's SHA-256 and the unit of its metric.</summary>
    public sealed record Case(string Name, string Sha256, string Unit);

    /// <summary>Runs <paramref name="cases"/> on <paramref name="device"/>, each model with its session, from <paramref name="artifacts"/>.</summary>
    /// <param name="name">The job's name on the farm.</param>
    /// <param name="device">The device, by name (the job is pinned to it by its own tag).</param>
    /// <param name="artifacts">The server the board fetches the agent, scripts, models and sessions from.</param>
    /// <param name="cases">The models, each with its session.</param>
    /// <param name="scriptOptions">Options of <c>qslm-board.sh</c> before its cases (<c>--model SHA</c>, <c>--simulate-board NAME</c>).</param>
    /// <param name="progress">Hears the job's id and page, and its outcome.</param>
    /// <param name="cancellationToken">Stops following the job, and cancels it on the farm.</param>
    public async Task<Run> RunAsync(string name, string device, ArtifactServer artifacts, IReadOnlyList<Case> cases, IReadOnlyList<string> scriptOptions,
        Action<string> progress, CancellationToken cancellationToken)
    {
        var steps = new List<string>
        {
            "QSLM_WORK=$(mktemp -d /var/tmp/qslm-lava.XXXXXX)",
            $"curl -sf -o \"$QSLM_WORK/qslm-board.sh\" '{artifacts.BaseUrl}qslm-board.sh'",
            $"sh \"$QSLM_WORK/qslm-board.sh\" '{artifacts.BaseUrl.ToString().TrimEnd('/')}' \"$QSLM_WORK\" "
                + string.Concat(scriptOptions.Select(o => $"'{o}' ")) + string.Join(' ', cases.Select(c => $"'{c.Name}' {c.Sha256} {c.Unit}")),
        };
        var definition = JobDefinition.Write(options.DeviceType, name, [device], options.TestMinutes, steps, options.TemplatesFolder);
        var id = await client.SubmitAsync(definition, cancellationToken).ConfigureAwait(false);
        progress($"board {device}: LAVA job {id} ({client.JobPage(id)}): {string.Join(", ", cases.Select(c => c.Name))}");
        LavaJob job;
        try
        {
            job = await client.WaitAsync(id, options.Poll, TimeSpan.FromMinutes(options.TestMinutes + 15), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await CancelAsync(id, device, progress).ConfigureAwait(false);
            throw;
        }
        var tests = await client.TestsAsync(id, cancellationToken).ConfigureAwait(false);
        var outcome = JobOutcome.Of(job, tests);
        progress($"board {device}: LAVA {outcome.Describe()}");
        var log = await client.LogsAsync(id, cancellationToken).ConfigureAwait(false);
        if (options.JobsFolder is { } folder)
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, FormattableString.Invariant($"lava-job-{id}.log.yaml")), log, cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(folder, FormattableString.Invariant($"lava-job-{id}.junit.xml")),
                await client.JUnitAsync(id, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        return new Run(outcome, ResultMarkers.Read(log));
    }

    // A run its user stopped must not leave its jobs holding the farm's boards until their timeouts.
    private async Task CancelAsync(int id, string device, Action<string> progress)
    {
        using var grace = new CancellationTokenSource(CancelGrace);
        try
        {
            await client.CancelAsync(id, grace.Token).ConfigureAwait(false);
            progress($"board {device}: LAVA job {id} cancelled");
        }
        catch (Exception e) when (e is InfrastructureFailureException or InputException or OperationCanceledException)
        {
            progress($"board {device}: LAVA job {id} could not be cancelled ({e.Message}); cancel it at {client.JobPage(id)}");
        }
    }

    /// <summary>How long a cancelled run waits for LAVA to take the cancel of each of its jobs.</summary>
    public static TimeSpan CancelGrace { get; } = TimeSpan.FromSeconds(30);
}
