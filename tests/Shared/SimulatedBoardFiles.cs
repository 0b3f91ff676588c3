using System.Globalization;

namespace QSLM.Tests.Shared;

/// <summary>Writes the JSON of <c>qslm-agent serve --simulate-board</c>.</summary>
internal static class SimulatedBoardFiles
{
    /// <summary>A board of <paramref name="kind"/> named <paramref name="model"/>; <paramref name="picojoulesPerMac"/> maps weight bits
    /// to picojoules; <paramref name="extra"/> is spliced in as further members (thermal, throttledWindows).</summary>
    public static string Write(string path, string model, string kind, double idleWatts = 1, double joulesPerCpuSecond = 0,
        IReadOnlyDictionary<int, double>? picojoulesPerMac = null, double picojoulesPerAccumulate = 0, int updateIntervalMs = 20, string? extra = null)
    {
        var macs = string.Join(", ", (picojoulesPerMac ?? new Dictionary<int, double>()).Select(p => string.Create(CultureInfo.InvariantCulture, $"\"{p.Key}\": {p.Value}")));
        File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture, $$"""
            {
              "model": "{{model}}",
              "kind": "{{kind}}",
              "idleWatts": {{idleWatts}},
              "joulesPerCpuSecond": {{joulesPerCpuSecond}},
              "picojoulesPerMultiplyAccumulate": { {{macs}} },
              "picojoulesPerAccumulate": {{picojoulesPerAccumulate}},
              "updateIntervalMs": {{updateIntervalMs}}{{(extra is null ? "" : ",\n  " + extra)}}
            }
            """));
        return path;
    }
}
