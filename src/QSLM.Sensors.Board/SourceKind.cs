namespace QSLM.Sensors.Board;

/// <summary>Where a power or energy figure comes from (docs/sensors.md, "Source tags").</summary>
public enum SourceKind
{
    /// <summary>Read from a real sensor.</summary>
    Measured,

    /// <summary>Produced by a simulated device or an energy model driven by a trace.</summary>
    Simulated,

    /// <summary>Computed from operation counts and per-operation energy constants.</summary>
    Estimated,
}
