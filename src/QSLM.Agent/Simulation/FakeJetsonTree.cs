using System.Globalization;

namespace QSLM.Agent.Simulation;

/// <summary>
/// A fake JetPack 5/6 INA3221 under a sensor root, laid out as the mainline ina3221 hwmon driver does
/// (Linux Documentation/hwmon/ina3221.rst): <c>sys/bus/i2c/drivers/ina3221/1-0040/hwmon/hwmon1/</c> with
/// <c>inK_label</c>, <c>inK_input</c> (mV), <c>currK_input</c> (mA) and <c>update_interval</c> (ms). VDD_IN carries the
/// simulated board's power at 5 V; VDD_CPU_GPU_CV the part above idle and VDD_SOC a fixed share of idle, as
/// sub-rails of it. Each file is replaced whole (written beside, then renamed), so a reader never sees half a number.
/// </summary>
internal sealed class FakeJetsonTree
{
    private const int InputMillivolts = 5000;
    private const int CpuMillivolts = 1000;
    private const int SocMillivolts = 800;
    private const double SocShareOfIdle = 0.3;

    private readonly string _directory;
    private readonly double _idleWatts;
    private readonly long[] _written = [-1, -1, -1];

    private FakeJetsonTree(string directory, double idleWatts)
    {
        _directory = directory;
        _idleWatts = idleWatts;
    }

    /// <summary>Writes the tree under <paramref name="root"/> with the board idle.</summary>
    public static FakeJetsonTree Create(string root, double idleWatts, int updateIntervalMs)
    {
        var directory = Path.Combine(root, "sys/bus/i2c/drivers/ina3221/1-0040/hwmon/hwmon1");
        Directory.CreateDirectory(directory);
        var tree = new FakeJetsonTree(directory, idleWatts);
        tree.Write("name", "ina3221");
        tree.Write("update_interval", Number(updateIntervalMs));
        string[] labels = ["VDD_IN", "VDD_CPU_GPU_CV", "VDD_SOC"];
        int[] millivolts = [InputMillivolts, CpuMillivolts, SocMillivolts];
        for (var k = 1; k <= 3; k++)
        {
            tree.Write($"in{k}_label", labels[k - 1]);
            tree.Write($"in{k}_input", Number(millivolts[k - 1]));
        }
        tree.Update(idleWatts);
        return tree;
    }

    /// <summary>Sets the rails for a board drawing <paramref name="watts"/>.</summary>
    public void Update(double watts)
    {
        var work = Math.Max(watts - _idleWatts, 0);
        Set(1, watts / InputMillivolts * 1e6);
        Set(2, work / CpuMillivolts * 1e6);
        Set(3, _idleWatts * SocShareOfIdle / SocMillivolts * 1e6);
    }

    private void Set(int channel, double milliamperes)
    {
        var value = (long)Math.Round(milliamperes);
        if (_written[channel - 1] == value) return;
        _written[channel - 1] = value;
        Write($"curr{channel}_input", Number(value));
    }

    private void Write(string file, string text)
    {
        var path = Path.Combine(_directory, file);
        var next = path + ".next";
        File.WriteAllText(next, text + "\n");
        File.Move(next, path, overwrite: true);
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
