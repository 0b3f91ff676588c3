using QSLM.Farm.Lava;
using YamlDotNet.RepresentationModel;

namespace QSLM.Farm.Tests.Lava;

/// <summary>
/// A board running a LAVA health check's test shell, without LAVA: the job's steps in one <c>sh</c>, with
/// <c>lava-test-case</c> and <c>lava-test-raise</c> replaced by scripts that write down each call, and the files the
/// job fetches served from a folder on 127.0.0.1.
/// </summary>
internal sealed class HealthCheckBoard(TemporaryFolder temp)
{
    /// <summary>What the test shell did: the calls to each LAVA helper and the shell's exit code.</summary>
    public sealed record Outcome(int ExitCode, IReadOnlyList<string> Cases, IReadOnlyList<string> Raised, string Output);

    /// <summary>The helpers' stand-ins, which log their arguments one call per line.</summary>
    private string Helpers()
    {
        var bin = temp.File("lava-bin");
        Directory.CreateDirectory(bin);
        foreach (var (name, exit) in new[] { ("lava-test-case", 0), ("lava-test-raise", 1) })
        {
            var path = Path.Combine(bin, name);
            File.WriteAllText(path, $"#!/bin/sh\necho \"$*\" >>\"{temp.File(name + ".calls")}\"\nexit {exit}\n");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return bin;
    }

    /// <summary>The steps of <paramref name="job"/>'s test shell.</summary>
    public static IReadOnlyList<string> Steps(string job)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(job));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var test = ((YamlSequenceNode)root["actions"]).Children.OfType<YamlMappingNode>().Single(a => a.Children.ContainsKey("test"));
        var definition = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)test["test"])["definitions"]).Children[0];
        var run = (YamlMappingNode)((YamlMappingNode)definition["repository"])["run"];
        return [.. ((YamlSequenceNode)run["steps"]).Children.Select(s => ((YamlScalarNode)s).Value!)];
    }

    /// <summary>Runs <paramref name="steps"/> as the test shell does, fetching from <paramref name="published"/>, which is
    /// served at <paramref name="server"/>'s URL.</summary>
    public Outcome Run(IReadOnlyList<string> steps, string published, ArtifactServer server)
    {
        foreach (var file in Directory.EnumerateFiles(published, "*", SearchOption.AllDirectories))
            server.AddFile(Path.GetRelativePath(published, file).Replace('\\', '/'), file);
        var script = temp.File("test-shell.sh");
        File.WriteAllText(script, string.Join('\n', steps) + "\n");
        var path = Helpers() + ":" + Environment.GetEnvironmentVariable("PATH");
        var result = ChildProcess.Run("/bin/sh", [script], new Dictionary<string, string> { ["PATH"] = path }, timeoutSeconds: 300);
        return new Outcome(result.ExitCode, Calls("lava-test-case"), Calls("lava-test-raise"), result.StdOut + result.StdErr);
    }

    private IReadOnlyList<string> Calls(string helper)
    {
        var file = temp.File(helper + ".calls");
        var calls = File.Exists(file) ? File.ReadAllLines(file) : [];
        File.Delete(file);
        return calls;
    }
}
