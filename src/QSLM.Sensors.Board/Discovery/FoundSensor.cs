namespace QSLM.Sensors.Board.Discovery;

/// <summary>
/// A sensor found on this machine: the spec that opens it, the tag its figures carry, what it measures, what was
/// seen, and how to read it now (null when it cannot be read at this moment). A source made of parts (a Jetson's
/// rails, the GPUs behind <c>nvidia-smi</c>) lists them in <see cref="Parts"/>; its own <see cref="Read"/> is
/// null where the parts are all there is to read.
/// </summary>
/// <param name="Spec">The spec that opens it (<see cref="SensorIds"/>).</param>
/// <param name="Source">The tag its figures carry.</param>
/// <param name="Quantity">power, or energy for a cumulative counter (RAPL).</param>
/// <param name="Unit">W, or J for a counter.</param>
/// <param name="Description">What was seen, for people.</param>
/// <param name="Read">A reading now in <paramref name="Unit"/>, or null; null itself where only the parts are read.</param>
/// <param name="Parts">The parts, each a sensor of its own.</param>
public sealed record FoundSensor(string Spec, SourceTag Source, string Quantity, string Unit, string Description, Func<double?>? Read, IReadOnlyList<FoundSensor> Parts)
{
    /// <summary>A sensor without parts.</summary>
    public FoundSensor(string spec, SourceTag source, string quantity, string unit, string description, Func<double?> read)
        : this(spec, source, quantity, unit, description, read, [])
    {
    }
}
