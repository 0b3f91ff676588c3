using QSLM.Model;
using QSLM.Model.Checkpoints;

namespace QSLM.Cli.Tests.Commands;

/// <summary><c>qslm power</c> and <c>qslm calibrate</c> as a user runs them (the logic is tested in QSLM.Sensors.Tests).</summary>
public sealed class PowerCommandTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-power-");

    public void Dispose() => _temp.Dispose();

    private string TegrastatsLog(string name, int milliwatts, int seed)
    {
        var random = new Random(seed);
        var lines = Enumerable.Range(0, 110).Select(_ =>
            $"RAM 2150/7620MB CPU [2%@729] VDD_IN {(int)(milliwatts * (0.97 + (0.06 * random.NextDouble())))}mW/{milliwatts}mW VDD_SOC 1441mW/1441mW");
        var path = _temp.File(name);
        File.WriteAllLines(path, [.. lines, "VDD_IN 47"]);
        return path;
    }

    [Fact]
    public void Sample_prints_the_simulated_default_board_tagged_simulated_and_writes_its_CSV()
    {
        var csv = _temp.File("samples.csv");
        var result = QslmProcess.Run("power", "sample", "--seconds", "0.3", "-o", csv);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("source: simulated:ina219-default-board", result.StdOut);
        Assert.Contains("W (simulated:ina219-default-board)", result.StdOut);
        Assert.DoesNotContain("measured", result.StdOut);
        Assert.StartsWith("time_s,source,valid,total_w\n0,simulated:ina219-default-board,1,", File.ReadAllText(csv));
    }

    [Fact]
    public void Import_then_compare_tells_a_5_percent_lower_log_from_an_equal_one()
    {
        var a = _temp.File("a.csv");
        var b = _temp.File("b.csv");
        var imported = QslmProcess.Run("power", "import", "--format", "tegrastats", TegrastatsLog("a.log", 5000, 1), "--interval-ms", "500", "-o", a);
        QslmProcess.Run("power", "import", "--format", "tegrastats", TegrastatsLog("b.log", 4750, 2), "--interval-ms", "500", "-o", b);

        Assert.Equal(0, imported.ExitCode);
        Assert.Contains("110 samples, 1 lines skipped", imported.StdErr);
        Assert.Contains("line 111: no power rails", imported.StdErr);

        var lower = QslmProcess.Run("power", "compare", a, b);
        Assert.Equal(0, lower.ExitCode);
        Assert.Contains("(measured:tegrastats-VDD_IN)", lower.StdOut);
        Assert.Contains("n = 5 windows of 10.0 s", lower.StdOut);
        Assert.Contains("b.csv is lower than a.csv by", lower.StdOut);

        Assert.Contains("not distinguishable", QslmProcess.Run("power", "compare", a, a).StdOut);
    }

    [Fact]
    public void Compare_tests_a_claimed_saving_and_refuses_a_malformed_claim()
    {
        var a = _temp.File("a.csv");
        var b = _temp.File("b.csv");
        QslmProcess.Run("power", "import", "--format", "tegrastats", TegrastatsLog("a.log", 5000, 1), "--interval-ms", "500", "-o", a);
        QslmProcess.Run("power", "import", "--format", "tegrastats", TegrastatsLog("b.log", 4750, 2), "--interval-ms", "500", "-o", b);

        // B is about 5% lower: a 20% saving is contradicted, a 1% one supported.
        Assert.Contains("claim \"b.csv at least 20.0% lower than a.csv\": contradicted", QslmProcess.Run("power", "compare", a, b, "--claim", "-20%").StdOut);
        Assert.Contains(": supported", QslmProcess.Run("power", "compare", a, b, "--claim=-0.01").StdOut);

        var bad = QslmProcess.Run("power", "compare", a, b, "--claim", "twenty");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--claim 'twenty'", bad.StdErr);
    }

    [Fact]
    public void Estimate_counts_a_packed_model_and_labels_the_figure_estimated()
    {
        var checkpoint = _temp.File("tiny.safetensors");
        using (var model = new SpikeGpt(new SpikeGptConfig(2, 32, 50))) SpikeGptCheckpoint.Save(model, checkpoint);
        var packed = _temp.File("tiny.qslm");
        Assert.Equal(0, QslmProcess.Run("pack", "--checkpoint", checkpoint, "--assign", "*=int8", "-o", packed).ExitCode);

        var result = QslmProcess.Run("power", "estimate", packed, "--tokens", "8");

        Assert.Equal(0, result.ExitCode);
        // 2 blocks of width 32: 4 attention matrices (32×32) + ffn key, value (4·32×32 each) and receptance (32×32) per block, plus the 50×32 head.
        Assert.Contains($"8 tokens: {(2 * ((5 * 32 * 32) + (2 * 4 * 32 * 32))) + (50 * 32):N0} MACs", result.StdOut);
        Assert.Contains("estimated:horowitz-45nm: ", result.StdOut);
        Assert.DoesNotContain("measured", result.StdOut);
    }

    [Fact]
    public void Measure_runs_a_command_in_a_window_after_an_idle_one()
    {
        var result = QslmProcess.Run("power", "measure", "--repeats", "1", "--", "sleep", "600");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("simulated:ina219-default-board: median 4.", result.StdOut.Split('\n').First(l => l.StartsWith("simulated:", StringComparison.Ordinal)));
        Assert.Contains("n = 1 windows of 10.0 s; idle 2.", result.StdOut);
        Assert.Contains("warm-up 3.0 s discarded", result.StdOut);
        Assert.DoesNotContain("quick", result.StdOut);
        var simulatedBaseline = QslmProcess.Run("power", "measure", "--repeats", "1", "--save-baseline", "local", "--calibration", _temp.Path, "--", "sleep", "600");
        Assert.Equal(2, simulatedBaseline.ExitCode);
        Assert.Contains("not measured", simulatedBaseline.StdErr);
        Assert.False(Directory.Exists(_temp.File("baselines")));

        var tooShort = QslmProcess.Run("power", "measure", "--window-seconds", "2", "--", "true");
        Assert.Equal(2, tooShort.ExitCode);
        Assert.Contains("at least 10 s", tooShort.StdErr);
    }

    [Fact]
    public void Measure_in_quick_mode_says_quick_and_reports_gross_and_net()
    {
        var result = QslmProcess.Run("power", "measure", "--quick", "--repeats", "2", "--", "sleep", "600");

        Assert.Equal(0, result.ExitCode);
        var summary = result.StdOut.Split('\n').First(l => l.StartsWith("simulated:", StringComparison.Ordinal));
        Assert.Contains("n = 2 windows of 1.0 s", summary);
        Assert.Matches(@"gross 4\.\d{3} W, net 2\.\d{3} W", summary);
        Assert.Contains("warm-up 0.5 s discarded, cool-down 0.5 s", summary);
        Assert.Contains("quick mode", summary);
        var quickBaseline = QslmProcess.Run("power", "measure", "--quick", "--save-baseline", "local", "--calibration", _temp.Path, "--", "true");
        Assert.Equal(2, quickBaseline.ExitCode);
        Assert.Contains("only from full windows", quickBaseline.StdErr);
    }

    [Fact]
    public void Bad_input_is_one_line_with_exit_code_2()
    {
        var result = QslmProcess.Run("power", "sample", "--sensor", "ina3221");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("qslm: error: unknown sensor 'ina3221'", result.StdErr);

        var notCsv = _temp.File("x.csv");
        File.WriteAllText(notCsv, "a,b\n");
        Assert.Contains("not a QSLM sample CSV", QslmProcess.Run("power", "compare", notCsv, notCsv).StdErr);
    }

    [Fact]
    public void Import_skips_and_counts_absurd_rows_and_refuses_a_file_that_is_no_such_log_in_one_line()
    {
        var absurd = _temp.File("absurd.csv");
        File.WriteAllText(absurd, "time_s,bus_v,current_a\n0.0,12,1\n1e308,12,1\n-1,12,1\nNaN,12,1\n1.0,12,1e308\n2.0,12,1\n");
        var imported = QslmProcess.Run("power", "import", "--format", "ina219-csv", absurd);
        Assert.Equal(0, imported.ExitCode);
        Assert.Contains("2 samples, 4 lines skipped", imported.StdErr);
        Assert.Contains("line 3: time 1E+308 s is outside", imported.StdErr);

        var swapped = _temp.File("swapped.csv");
        File.WriteAllText(swapped, "time_s,current_a,bus_v\n0.0,1.5,12.0\n");
        OneLineError.Assert(QslmProcess.Run("power", "import", "--format", "ina219-csv", swapped), $"{swapped}:1: the header 'time_s,current_a,bus_v' is not");

        OneLineError.Assert(QslmProcess.Run("power", "import", "--format", "tegrastats", _temp.Path), $"file: {_temp.Path} is a folder, not a file");
    }

    [Fact]
    public void Calibrate_walks_through_two_points_from_redirected_input_and_saves_the_record()
    {
        var folder = _temp.File("calibration");
        var qslm = Path.Combine(AppContext.BaseDirectory, "qslm");
        var result = ChildProcess.Run("bash", ["-c", $"printf '\\n0.2030\\n\\n2.0300\\n' | '{qslm}' calibrate --sensor simulated --reference 'test meter' --calibration '{folder}'"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Point 2 of 2", result.StdOut);
        var record = File.ReadAllText(Path.Combine(folder, "sensors", "sim-ina219-1-0x40.json"));
        Assert.Contains("\"referenceInstrument\": \"test meter\"", record);
        Assert.Contains("\"reference\": 2.03", record);
    }
}
