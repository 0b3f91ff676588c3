using QSLM.Sensors.Board;
using QSLM.Sensors.Export;

namespace QSLM.Sensors.Tests.Recordings;

/// <summary>Files recorded on real hardware (see Recordings/README.md), copied beside the tests.</summary>
internal static class Recording
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Recordings", name);

    public static string[] Lines(string name) => File.ReadAllLines(PathOf(name));

    public static IReadOnlyList<PowerReading> Samples(string name)
    {
        using var reader = new StreamReader(PathOf(name));
        return SampleCsv.Read(reader, name);
    }
}
