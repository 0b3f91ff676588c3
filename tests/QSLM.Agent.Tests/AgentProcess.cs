namespace QSLM.Agent.Tests;

/// <summary>Runs an agent executable and reads what it prints.</summary>
internal static class AgentProcess
{
    private static readonly Dictionary<string, string> Invariant = new() { ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1" };

    /// <summary>The framework-dependent agent built beside the tests.</summary>
    public static ChildProcess.Result RunBuilt(params string[] args) =>
        Run("dotnet", [typeof(QSLM.Agent.Diagnostics.ProcessMemory).Assembly.Location, .. args]);

    public static ChildProcess.Result Run(string fileName, IEnumerable<string> args) => ChildProcess.Run(fileName, args, Invariant);

    /// <summary>The value after <paramref name="prefix"/> on the line that starts with it.</summary>
    public static string Line(string output, string prefix) =>
        output.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..].Trim()
        ?? throw new Xunit.Sdk.XunitException($"no line starting '{prefix}' in:\n{output}");
}
