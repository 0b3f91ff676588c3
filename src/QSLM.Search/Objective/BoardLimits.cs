using System.Globalization;
using QSLM.Errors;
using QSLM.Search.Board;
using QSLM.Sensors.Board;

namespace QSLM.Search.Objective;

/// <summary>
/// Constraints on what the board measures, stated beside constA and constM: latency per token, mean power and
/// energy per token, each an upper bound (null for none). A bound is checked against the upper end of the figure's
/// 95% confidence interval where the board reports one (power: <see cref="BoardMeasurement.PowerCi95Watts"/>,
/// energy: <see cref="BoardMeasurement.EnergyCi95JoulesPerToken"/>), so a candidate meets it only when the lab can be
/// 95% sure it does; latency, reported as a median without an interval, is checked as it is. A bound applies only to
/// candidates measured on the board: a candidate that was not, or whose measurement lacks the figure, does not meet it.
/// </summary>
/// <param name="MaxLatencyMs">Milliseconds per token at most.</param>
/// <param name="MaxPowerWatts">Mean power while running at most, watts.</param>
/// <param name="MaxEnergyJoulesPerToken">Energy per token at most, joules.</param>
public sealed record BoardLimits(double? MaxLatencyMs = null, double? MaxPowerWatts = null, double? MaxEnergyJoulesPerToken = null)
{
    /// <summary>No bound.</summary>
    public static BoardLimits None { get; } = new();

    /// <summary>Whether any bound is set (then only a candidate measured on the board can be chosen).</summary>
    public bool Any => MaxLatencyMs is not null || MaxPowerWatts is not null || MaxEnergyJoulesPerToken is not null;

    /// <summary>Validates the bounds.</summary>
    /// <exception cref="InputException">A bound that is not a positive finite number.</exception>
    public BoardLimits Validate()
    {
        Positive(MaxLatencyMs, "the latency bound (ms per token)");
        Positive(MaxPowerWatts, "the power bound (W)");
        Positive(MaxEnergyJoulesPerToken, "the energy bound (J per token)");
        return this;
    }

    /// <summary>Parses a bound given on the command line, in its option's unit, with the invariant culture.</summary>
    /// <param name="text">The option's value, or null when it was not given.</param>
    /// <param name="option">The option's name, for the message.</param>
    /// <exception cref="InputException">Not a positive finite number.</exception>
    public static double? ParseBound(string? text, string option)
    {
        if (text is null) return null;
        return double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value > 0
            ? value
            : throw new InputException($"{option} '{text}' is not a positive number (e.g. 2.5)");
    }

    /// <summary>Checks <paramref name="measurement"/> against every bound.</summary>
    public BoardLimitVerdict Check(BoardMeasurement measurement)
    {
        var violations = new List<string>();
        var estimated = false;
        Check(MaxLatencyMs, measurement.LatencyMs, null, 1, "ms/token", "latency", null);
        Check(MaxPowerWatts, measurement.PowerWatts, measurement.PowerCi95Watts, 1, "W", "power", measurement.PowerSource);
        Check(MaxEnergyJoulesPerToken, measurement.EnergyJoulesPerToken, measurement.EnergyCi95JoulesPerToken, 1e3, "mJ/token", "energy", measurement.PowerSource);
        return new(violations, estimated ? measurement.PowerSource : null);

        void Check(double? bound, double? value, double? ci95, double scale, string unit, string name, SourceTag? source)
        {
            if (bound is not { } max) return;
            if (source is { Kind: SourceKind.Estimated }) estimated = true;
            var tag = source is { } s ? $", {s}" : "";
            if (value is not { } v)
            {
                violations.Add($"{name} not measured (bound {Format(max * scale)} {unit})");
                return;
            }
            var upper = v + (ci95 ?? 0);
            if (upper > max * (1 + 1e-12))
                violations.Add(ci95 is null
                    ? $"{name} {Format(v * scale)} {unit}{tag} over {Format(max * scale)}"
                    : $"{name} {Format(v * scale)} ± {Format(ci95.Value * scale)} {unit}{tag} over {Format(max * scale)} at its upper 95% bound");
        }
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var parts = new List<string>();
        if (MaxLatencyMs is { } l) parts.Add($"latency<={Format(l)}ms/token");
        if (MaxPowerWatts is { } p) parts.Add($"power<={Format(p)}W");
        if (MaxEnergyJoulesPerToken is { } e) parts.Add($"energy<={Format(e * 1e3)}mJ/token");
        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }

    private static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static void Positive(double? value, string what)
    {
        if (value is { } v && (!double.IsFinite(v) || v <= 0)) throw new InputException(string.Create(CultureInfo.InvariantCulture, $"{what} must be a positive number, got {v}"));
    }
}
