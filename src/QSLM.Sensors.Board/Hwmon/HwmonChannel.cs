namespace QSLM.Sensors.Board.Hwmon;

/// <summary>One labelled hwmon channel: the voltage, current and power files that share the label, in hwmon's units.</summary>
public sealed record HwmonChannel(string Label, long? Millivolts, long? Milliamperes, long? Microwatts)
{
    /// <summary>Power in watts: the power file where there is one, else V × I.</summary>
    public double? Watts => Microwatts is { } uw ? uw / 1e6 : Millivolts is { } mv && Milliamperes is { } ma ? mv * ma / 1e6 : null;
}
