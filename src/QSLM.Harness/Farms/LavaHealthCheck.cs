using System.Globalization;
using QSLM.Farm.Lava;
using QSLM.Harness.Qualification;
using QSLM.Harness.Verification;
using QSLM.Boards.Sessions;

namespace QSLM.Harness.Farms;

/// <summary>
/// QSLM's board check as a LAVA health check: a job LAVA itself runs on a device whose health is Unknown (after an
/// infrastructure failure, or set so by an admin) or that has never reported, before it schedules anything else there.
/// The board fetches the agent, a check model and its scripted session from a folder the farm's web server serves (LAVA
/// runs the check on its own, while no QSLM may be running), has the agent score and time the model, and passes when
/// the agent answered without an error and scored it as the host did (within a tolerance). A board that fails ends the
/// job with <c>lava-test-raise</c>: LAVA marks the check Incomplete and the device Bad (LAVA 2023.01,
/// <c>lava_scheduler_app</c>: health checks are read from <c>HEALTH_CHECKS_PATH/TEMPLATE.yaml</c>, TEMPLATE being what the
/// device dictionary extends).
/// </summary>
public static class LavaHealthCheck
{
    /// <summary>The run the check times the model with: short, since it only proves the board runs it.</summary>
    public static RunSettings Run { get; } = new(Tokens: 16, Warmup: 4, Repeats: 1, Seed: 1, Threads: 0);

    /// <summary>How long the check's test shell may take.</summary>
    public const int TestMinutes = 10;

    /// <summary>Writes what the board fetches into <paramref name="folder"/> (created): the agent of
    /// <paramref name="runtime"/>, the board-side scripts, the model and its session.</summary>
    public static void Publish(string folder, string runtime, QualifyModel model, CheckData data, string hostVersion)
    {
        Directory.CreateDirectory(Path.Combine(folder, "models"));
        Directory.CreateDirectory(Path.Combine(folder, "sessions"));
        File.WriteAllBytes(Path.Combine(folder, "agent.tar.gz"), BoardArtifacts.AgentArchive(runtime));
        foreach (var script in BoardArtifacts.Scripts) File.WriteAllBytes(Path.Combine(folder, script), BoardArtifacts.Script(script));
        File.Copy(model.Path, Path.Combine(folder, "models", model.Sha256 + ".qslm"), overwrite: true);
        File.WriteAllBytes(Path.Combine(folder, "sessions", model.Sha256 + ".jsonl"), BoardArtifacts.Session(model.Sha256, model.IsSst2, data, Run, hostVersion));
    }

    /// <summary>The health check's job for <paramref name="deviceType"/>.</summary>
    /// <param name="deviceType">The device type, whose job template gives the deploy and boot.</param>
    /// <param name="artifactsUrl">Where the farm serves the folder <see cref="Publish"/> wrote.</param>
    /// <param name="model">The check model.</param>
    /// <param name="host">The host's answer for it on the same data.</param>
    /// <param name="tolerance">How far the board's metric may lie from the host's: absolute for an accuracy, relative for a perplexity.</param>
    /// <param name="templatesFolder">A folder of job templates over the built-in ones, or null.</param>
    public static string Definition(string deviceType, Uri artifactsUrl, QualifyModel model, HostAnswer host, double tolerance, string? templatesFolder = null)
    {
        var inv = CultureInfo.InvariantCulture;
        var url = artifactsUrl.ToString().TrimEnd('/');
        var unit = model.IsSst2 ? "fraction" : "perplexity";
        var absolute = model.IsSst2 ? tolerance : tolerance * host.Metric;
        var steps = new List<string>
        {
            "QSLM_WORK=$(mktemp -d /var/tmp/qslm-health.XXXXXX)",
            $"curl -sf -o \"$QSLM_WORK/qslm-board.sh\" '{url}/qslm-board.sh' && curl -sf -o \"$QSLM_WORK/qslm-health.sh\" '{url}/qslm-health.sh' || lava-test-raise 'qslm board check: the board could not fetch its scripts from {url}'",
            $"sh \"$QSLM_WORK/qslm-board.sh\" '{url}' \"$QSLM_WORK\" qslm-check-model {model.Sha256} {unit}",
            string.Create(inv, $"sh \"$QSLM_WORK/qslm-health.sh\" \"$QSLM_WORK\" {model.Sha256} {host.Metric:R} {absolute:R} {unit}"),
        };
        return JobDefinition.Write(deviceType, $"qslm board check ({model.Label})", [], TestMinutes, steps, templatesFolder);
    }
}
