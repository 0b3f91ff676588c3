using System.Diagnostics;

namespace QSLM.Agent.Tests;

/// <summary>Runs an agent executable and captures what it prints.</summary>
internal static class AgentProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>The framework-dependent agent built beside the tests.</summary>
    public static Result RunBuilt(params string[] args) =>
        Run("dotnet", [typeof(QSLM.Agent.Diagnostics.ProcessMemory).Assembly.Location, .. args]);

    public static Result Run(string fileName, IEnumerable<string> args, IDictionary<string, string>? environment = null, int timeoutSeconds = 600)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} ran past {timeoutSeconds} s");
        }
        return new Result(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>The value after <paramref name="prefix"/> on the line that starts with it.</summary>
    public static string Line(string output, string prefix) =>
        output.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..].Trim()
        ?? throw new Xunit.Sdk.XunitException($"no line starting '{prefix}' in:\n{output}");
}
