using System.CommandLine;
using System.Globalization;
using QSLM.Cli.Rendering;
using QSLM.CommandLine;
using QSLM.Errors;
using QSLM.Harness.Boards;
using QSLM.Harness.Farms;
using QSLM.Harness.Qualification;
using QSLM.Harness.Reporting;
using QSLM.Harness.Verification;
using Microsoft.Extensions.Logging;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm farm health-check MODEL --artifacts-url URL --publish DIR</c>: QSLM's board check as a LAVA health
/// check job, with the files it fetches.</summary>
internal static class FarmHealthCheckCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL") { Description = "The packed model (.qslm) the check runs: an SST-2 classifier or a language model." }.NotAFolder();
        var url = new Option<string>("--artifacts-url") { Description = "The URL at which the farm's web server serves the --publish folder to its devices.", Required = true };
        var publish = new Option<string>("--publish") { Description = "Folder to write what the devices fetch: the agent, the board-side scripts, the model and its scripted session.", Required = true }.WritableFolder();
        var output = new Option<string?>("--out", "-o") { Description = "File to write the health check job to (default: stdout). LAVA reads it as HEALTH_CHECKS_PATH/TEMPLATE.yaml, TEMPLATE being what the devices' dictionaries extend (ssh for ssh.jinja2)." }.WritableFile();
        var deviceType = new Option<string>("--device-type") { Description = "The LAVA device type whose job template gives the deploy and boot (farm/lava/templates).", DefaultValueFactory = _ => "ssh" };
        var runtime = new Option<string>("--agent-runtime") { Description = "The runtime id of the self-contained agent the devices get.", DefaultValueFactory = _ => AgentArtifacts.DefaultRemoteRuntime };
        var sentences = new Option<int>("--sst2-sentences") { Description = "SST-2 dev sentences a classifier is scored on (the first N).", DefaultValueFactory = _ => 64 }.InRange(1, 100_000);
        var tokens = new Option<int>("--lm-tokens") { Description = "WikiText-2 test tokens a language model is scored on (the first N).", DefaultValueFactory = _ => 500 }.InRange(1, int.MaxValue);
        var tolerance = new Option<double>("--tolerance") { Description = "How far the board's score may lie from the host's: absolute for an accuracy (0.02 is two points), relative for a perplexity.", DefaultValueFactory = _ => 0.02 }.InRange(0.0, 1.0);
        var command = new Command("health-check", "Write QSLM's board check as a LAVA health check: LAVA runs it on a device whose health is Unknown or that has never reported, "
            + "before any other job; the device fetches the agent and MODEL from --artifacts-url, scores MODEL and passes when it answered without an error and scored as the host did. "
            + "A failing device ends the job with lava-test-raise, so LAVA sets it Bad and schedules nothing there.")
        {
            model, url, publish, output, deviceType, runtime, sentences, tokens, tolerance,
        };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var artifacts = ArtifactsUrl(parse.GetValue(url)!);
            var type = parse.GetValue(deviceType)!;
            QSLM.Farm.Lava.JobDefinition.Template(type);
            AgentArtifacts.SelfContainedFolder(parse.GetValue(runtime)!);
            var data = CheckData.Load(parse.GetValue(sentences), parse.GetValue(tokens));
            var check = QualifyModel.Load(parse.GetValue(model)!, data.Vocabulary.Hash());
            Terminal.Log.LogInformation("host: {Model}: scoring the packed file on {Data} with QSLM.Runtime", check.Label, data.Describe(check.IsSst2));
            var host = data.Answer(check.Path, check.IsSst2);
            var folder = parse.GetValue(publish)!;
            LavaHealthCheck.Publish(folder, parse.GetValue(runtime)!, check, data, QslmBuild.Version);
            var job = LavaHealthCheck.Definition(type, artifacts, check, host, parse.GetValue(tolerance));
            if (parse.GetValue(output) is { } file)
            {
                File.WriteAllText(file, job);
                Terminal.Log.LogInformation("health check job written to {File}", file);
            }
            else
            {
                Terminal.Out.Write(job);
            }
            Terminal.Log.LogInformation("published the agent, the scripts and {Model} to {Folder}: serve it at {Url}; the host scored {Metric}",
                check.Label, folder, artifacts, host.Metric.ToString("0.####", CultureInfo.InvariantCulture));
            return CommandRunner.Success;
        }, usesTorch: false));
        return command;
    }

    private static Uri ArtifactsUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new InputException($"--artifacts-url must be an http or https URL, got '{text}'");
}
