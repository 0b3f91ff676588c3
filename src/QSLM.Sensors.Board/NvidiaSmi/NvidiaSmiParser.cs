using QSLM.Sensors.Board.Parsing;

namespace QSLM.Sensors.Board.NvidiaSmi;

/// <summary>One line of <c>nvidia-smi --query-gpu=power.draw,power.draw.instant</c>: either field may be unavailable.</summary>
public sealed record NvidiaSmiSample(double? DrawWatts, double? InstantWatts)
{
    /// <summary>The instantaneous draw where the driver reports it, else the (averaged) draw.</summary>
    public double? Watts => InstantWatts ?? DrawWatts;
}

/// <summary>
/// Parses the CSV that <c>nvidia-smi --query-gpu=power.draw,power.draw.instant --format=csv,noheader,nounits -lms N</c>
/// streams (NVIDIA System Management Interface documentation, <c>--help-query-gpu</c>): two comma-separated
/// fields per GPU per tick, in watts; with units (<c>75.43 W</c>) and the header line accepted too.
/// <c>[N/A]</c> and <c>[Not Supported]</c> make the field null; any other text, a negative value or one
/// above <see cref="MaxWatts"/> skips the line.
/// </summary>
public static class NvidiaSmiParser
{
    /// <summary>
    /// The most one GPU may report, in watts: twice the power limit of the largest board nvidia-smi reads
    /// today (B200, 1000 W; H200 700 W), so that only damage is refused.
    /// </summary>
    public const double MaxWatts = 2000;

    /// <summary>The arguments that start the stream at <paramref name="periodMs"/> for GPU <paramref name="gpu"/>.</summary>
    public static IReadOnlyList<string> Arguments(int periodMs, int gpu = 0) =>
        ["--query-gpu=power.draw,power.draw.instant", "--format=csv,noheader,nounits", "-lms", periodMs.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", gpu.ToString(System.Globalization.CultureInfo.InvariantCulture)];

    /// <summary>Parses a recorded stream.</summary>
    public static ParsedLog<NvidiaSmiSample> ParseLog(IEnumerable<string> lines) => ParsedLog<NvidiaSmiSample>.Parse(lines, Parse);

    /// <summary>Parses one line; a header gives neither sample nor reason.</summary>
    public static (NvidiaSmiSample? Sample, string? Reason) Parse(string line)
    {
        if (line.StartsWith("power.draw", StringComparison.Ordinal)) return (null, null);
        var fields = line.Split(',');
        if (fields.Length != 2) return (null, $"expected 2 comma-separated fields, got {fields.Length}");
        if (!TryField(fields[0], out var draw) || !TryField(fields[1], out var instant)) return (null, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"a field is neither watts (0 to {MaxWatts} W) nor [N/A]"));
        return draw is null && instant is null ? (null, "no power reading ([N/A])") : (new NvidiaSmiSample(draw, instant), null);
    }

    private static bool TryField(string field, out double? watts)
    {
        watts = null;
        var text = field.Trim();
        if (text is "[N/A]" or "[Not Supported]" or "N/A") return true;
        if (text.EndsWith(" W", StringComparison.Ordinal)) text = text[..^2];
        if (!InvariantNumber.TryDouble(text, out var w) || w < 0 || w > MaxWatts) return false;
        watts = w;
        return true;
    }
}
