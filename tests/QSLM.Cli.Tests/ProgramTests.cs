namespace QSLM.Cli.Tests;

/// <summary>A command line that <c>qslm</c> cannot use is refused in one line (what, where, why),
/// with exit code 2, before any work; never the whole help, never a .NET type name.</summary>
public sealed class ProgramTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-program-");

    public void Dispose() => _temp.Dispose();

    private static void Refused(ChildProcess.Result result, string expected)
    {
        OneLineError.Assert(result, expected);
        Assert.DoesNotContain("Usage:", result.StdErr + result.StdOut);
        Assert.DoesNotContain("System.", result.StdErr);
    }

    [Fact]
    public void A_negative_top_k_is_refused_with_the_option_the_value_and_the_range()
    {
        Refused(InProcess.Run("generate", "--top-k", "-3"), "--top-k must be at least 0 and at most 1000000, got -3 (see qslm generate --help)");
    }

    [Fact]
    public void A_token_that_is_no_number_is_one_line_without_a_type_name()
    {
        Refused(InProcess.Run("eval", "--lm-tokens", "many"), "--lm-tokens must be a whole number at least 1, got 'many' (see qslm eval --help)");
    }

    [Fact]
    public void An_unknown_command_is_one_line_not_the_help()
    {
        Refused(InProcess.Run("frobnicate"), "Unrecognized command or argument 'frobnicate'");
    }

    [Theory]
    [InlineData("generate", "--temperature", "1e308", "--temperature must be at least 0 and at most 100, got 1e308")]
    [InlineData("power", "import", "log.txt", "--format", "pmic", "--interval-ms", "1e308", "--interval-ms must be at least 0.001 ms and at most 86400000 ms, got 1e308")]
    [InlineData("power", "import", "log.txt", "--format", "pmic", "--interval-ms", "1e-300", "--interval-ms must be at least 0.001 ms and at most 86400000 ms, got 1e-300")]
    [InlineData("power", "sample", "--interval-ms", "1e308", "--interval-ms must be at least 0.001 ms and at most 3600000 ms, got 1e308")]
    [InlineData("power", "compare", "a.csv", "b.csv", "--window-seconds", "1e308", "--window-seconds must be above 0 s and at most 86400 s, got 1e308")]
    [InlineData("power", "measure", "--window-seconds", "1e308", "--", "true", "--window-seconds must be at least 10 s and at most 86400 s, got 1e308")]
    [InlineData("power", "compare", "a.csv", "b.csv", "--resamples", "2147483647", "--resamples must be at least 100 and at most 1000000, got 2147483647")]
    [InlineData("power", "compare", "a.csv", "b.csv", "--claim", "1e308%", "--claim '1e308%' is outside -100%..+1000%")]
    [InlineData("report", "run.csv", "--width", "99999999999", "--width must be a whole number at least 100 pixels and at most 10000 pixels, got '99999999999'")]
    public void An_option_outside_its_range_is_refused_before_any_work(params string[] argsAndExpected)
    {
        Refused(InProcess.Run(argsAndExpected[..^1]), argsAndExpected[^1]);
    }

    [Fact]
    public void A_report_height_below_its_range_is_refused_at_parse_time()
    {
        Refused(InProcess.Run("report", "run.csv", "--height", "10"), "--height must be at least 100 pixels and at most 10000 pixels, got 10 (see qslm report --help)");
    }

    [Fact]
    public void An_alpha_of_1e308_is_refused()
    {
        OneLineError.Assert(InProcess.Run("search", "--alpha", "1e308", "--board", "none"), "alpha must be at most 100, got 1E+308");
        OneLineError.Assert(InProcess.Run("bench", "search", "--synthetic", "--alpha", "1e308", "--out", _temp.Path), "alpha must be at most 100, got 1E+308");
    }

    [Fact]
    public void A_folder_given_as_a_file_is_refused_with_its_path()
    {
        Refused(InProcess.Run("inspect", _temp.Path), $"{_temp.Path} is a folder, not a file");
        Refused(InProcess.Run("pack", "--assign", "*=int8", "-o", _temp.Path), $"--output: {_temp.Path} is a folder, not a file");
        Refused(InProcess.Run("power", "import", "--format", "pmic", _temp.Path), $"{_temp.Path} is a folder, not a file");
    }

    [Fact]
    public void An_output_that_cannot_be_written_is_refused_with_its_path()
    {
        var log = _temp.File("pmic.log");
        File.WriteAllText(log, "");
        // sysfs refuses new files even to root, as a read-only mount does.
        Refused(InProcess.Run("power", "import", "--format", "pmic", log, "-o", "/sys/qslm-samples.csv"), "--output: /sys/qslm-samples.csv cannot be written (permission denied or a read-only file system)");
        var file = _temp.File("not-a-folder");
        File.WriteAllText(file, "");
        Refused(InProcess.Run("search", "--board", "none", "--out", file), $"--out: {file} is a file, not a folder");
    }

    [Fact]
    public void A_sensor_on_a_missing_i2c_bus_names_the_device_node()
    {
        var bus = Enumerable.Range(7, 100).First(n => !File.Exists($"/dev/i2c-{n}"));
        OneLineError.Assert(InProcess.Run("power", "sample", "--sensor", $"ina219:{bus}:0x40", "--seconds", "1"), $"sensor 'ina219:{bus}:0x40': /dev/i2c-{bus} does not exist");
    }
}
