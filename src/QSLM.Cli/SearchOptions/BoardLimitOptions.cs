using QSLM.Search.Objective;

namespace QSLM.Cli.SearchOptions;

/// <summary>The board limits from <c>qslm search</c>'s --max-latency-ms, --max-power-w and --max-energy-mj.</summary>
internal static class BoardLimitOptions
{
    /// <summary>Parses each bound in its option's unit with the invariant culture (energy in millijoules per token).</summary>
    /// <exception cref="QSLM.Errors.InputException">A bound that is not a positive number.</exception>
    public static BoardLimits Parse(string? latencyMs, string? powerW, string? energyMj) => new BoardLimits(
        BoardLimits.ParseBound(latencyMs, "--max-latency-ms"),
        BoardLimits.ParseBound(powerW, "--max-power-w"),
        BoardLimits.ParseBound(energyMj, "--max-energy-mj") / 1e3).Validate();
}
