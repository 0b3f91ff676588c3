using System.Globalization;
using QSLM.Boards.Inventory;

namespace QSLM.Boards.Profiles;

/// <summary>Reads a <c>qualify:</c> map (of a profile or of a qualification file): <c>agreement</c> (<c>exact</c> or a
/// tolerance of 0 or more), <c>latency_p50_ms</c>, <c>latency_p99_ms</c>, <c>max_watts</c> and <c>max_joules_per_token</c>
/// (positive numbers); any other key is refused at its line.</summary>
internal static class QualifyTargetsReader
{
    /// <summary>The keys a qualify map may hold.</summary>
    public static readonly string[] Keys = ["agreement", "latency_p50_ms", "latency_p99_ms", "max_watts", "max_joules_per_token"];

    public static QualifyTargets Read(YamlMap map)
    {
        map.Only(Keys);
        return new QualifyTargets(Agreement(map), map.OptionalPositive("latency_p50_ms"), map.OptionalPositive("latency_p99_ms"), map.OptionalPositive("max_watts"),
            map.OptionalPositive("max_joules_per_token"));
    }

    private static double? Agreement(YamlMap map)
    {
        var text = map.OptionalString("agreement");
        if (text is null) return null;
        if (text == "exact") return 0;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var tolerance) && tolerance >= 0 && double.IsFinite(tolerance)
            ? tolerance
            : throw map.Error(map.NodeOf("agreement"), $"'agreement' must be exact or a tolerance of 0 or more, not '{text}'");
    }
}
