namespace QSLM.Sensors.Board.Jetson;

/// <summary>
/// Which rail is the whole board's input: <c>POM_5V_IN</c> on a Jetson Nano (JetPack 4), <c>VDD_IN</c>
/// on an Orin Nano or NX (JetPack 5/6); where the module has no total rail (AGX Orin) the rails are
/// summed, and the result says so.
/// </summary>
public static class BoardTotal
{
    /// <summary>Total-rail labels in order of preference.</summary>
    public static IReadOnlyList<string> TotalRails { get; } = ["POM_5V_IN", "VDD_IN"];

    /// <summary>The board total from <paramref name="rails"/>; <paramref name="preferredRail"/> (from a firmware profile) wins when present.</summary>
    public static (double Milliwatts, string Rule) Of(IReadOnlyList<RailPower> rails, string? preferredRail = null)
    {
        if (rails.Count == 0) throw new ArgumentException("no rails to total");
        foreach (var name in preferredRail is null ? TotalRails : [preferredRail, .. TotalRails])
        {
            var rail = rails.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
            if (rail is not null) return (rail.Milliwatts, rail.Name);
        }
        return (rails.Sum(r => r.Milliwatts), "sum(" + string.Join('+', rails.Select(r => r.Name)) + ")");
    }
}
