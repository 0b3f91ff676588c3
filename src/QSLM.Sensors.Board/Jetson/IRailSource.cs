namespace QSLM.Sensors.Board.Jetson;

/// <summary>A reader of Jetson INA3221 rails, one per device directory.</summary>
public interface IRailSource
{
    /// <summary>The directory read.</summary>
    string Directory { get; }

    /// <summary>The rails now, by label.</summary>
    IReadOnlyList<RailPower> Read();
}
