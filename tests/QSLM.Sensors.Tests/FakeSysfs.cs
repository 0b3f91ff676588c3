namespace QSLM.Sensors.Tests;

/// <summary>Writes sysfs-like one-value files into a temporary folder.</summary>
internal static class FakeSysfs
{
    public static void Write(string directory, IReadOnlyDictionary<string, string> files)
    {
        Directory.CreateDirectory(directory);
        foreach (var (name, value) in files) File.WriteAllText(Path.Combine(directory, name), value + "\n");
    }
}
