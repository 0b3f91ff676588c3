using System.Text.Json;
using QSLM.Boards.Transports.Local;
using QSLM.Boards.Transports.Ssh;

namespace QSLM.Boards.Tests.Fixtures;

/// <summary>The framework-dependent agent built beside these tests.</summary>
internal static class BuiltAgent
{
    public static string Dll => typeof(QSLM.Agent.Diagnostics.ProcessMemory).Assembly.Location;

    public static AgentLaunch Launch => AgentLaunch.Dotnet(Dll);

    /// <summary>Copies the agent's own files (those its deps.json names) out of the test folder, which
    /// also holds the tests and xunit, into <paramref name="folder"/>, as a publish would lay them out.</summary>
    public static AgentBundle Bundle(string folder)
    {
        var source = Path.GetDirectoryName(Dll)!;
        Directory.CreateDirectory(folder);
        var files = new HashSet<string>(StringComparer.Ordinal) { "qslm-agent.dll", "qslm-agent.runtimeconfig.json", "qslm-agent.deps.json" };
        using (var deps = JsonDocument.Parse(File.ReadAllText(Path.Combine(source, "qslm-agent.deps.json"))))
        {
            foreach (var target in deps.RootElement.GetProperty("targets").EnumerateObject())
            foreach (var library in target.Value.EnumerateObject())
            {
                foreach (var kind in new[] { "runtime", "native" })
                {
                    if (!library.Value.TryGetProperty(kind, out var assets)) continue;
                    foreach (var asset in assets.EnumerateObject()) files.Add(Path.GetFileName(asset.Name));
                }
            }
        }
        foreach (var file in files) File.Copy(Path.Combine(source, file), Path.Combine(folder, file), overwrite: true);
        return new AgentBundle(folder, "qslm-agent.dll", "dotnet");
    }
}
