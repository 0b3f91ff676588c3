using System.Diagnostics;

namespace QSLM.Cli.Tests.Commands;

/// <summary><c>qslm search</c> end to end on the bundled models, on a small slice of SST-2 dev so
/// that a whole search takes seconds.</summary>
public sealed class SearchCommandTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-search-cli-");

    public void Dispose() => _temp.Dispose();

    private string[] Small(string output, string board = "none") =>
        ["search", "--sst2-sentences", "8", "--menu", "int8,sign1", "--lm-tokens", "50", "--alpha", "1", "--out", output, "--cache", Path.Combine(_temp.Path, "cache-" + Path.GetFileName(output)),
            "--board", board, "--board-tokens", "32", "--board-repeats", "2"];

    // The columns a board measures: latency, memory, power and energy vary from run to run.
    private static readonly string[] MeasuredColumns = ["latency_ms_per_token", "peak_rss_bytes", "power_w", "power_ci95_w", "energy_j_per_token"];

    internal static List<string> WithoutMeasuredNumbers(string csv)
    {
        var lines = File.ReadAllLines(csv);
        var header = lines[0].Split(',');
        var drop = MeasuredColumns.Select(c => Array.IndexOf(header, c)).ToHashSet();
        // The measured rows' own columns are blanked; host rows and every other column must match exactly.
        return lines.Select(l => l.Contains(",measured", StringComparison.Ordinal)
            ? string.Join(',', l.Split(',').Select((v, i) => drop.Contains(i) ? "" : v))
            : l).ToList();
    }

    [Fact]
    public void A_search_prints_the_chosen_candidate_and_writes_its_csv_and_manifest()
    {
        var output = Path.Combine(_temp.Path, "run");
        var result = QslmProcess.Run(Small(output));
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("memory reduction against fp32", result.StdOut);
        Assert.Contains("power", result.StdOut);
        Assert.Contains("not measured", result.StdOut);
        var csv = File.ReadAllLines(Path.Combine(output, "search.csv"));
        Assert.StartsWith("candidate,tier,precisions,bytes", csv[0]);
        Assert.StartsWith("1,baseline,", csv[1]);
        Assert.Contains(csv, l => l.Contains(",global,", StringComparison.Ordinal));
        Assert.Contains(csv, l => l.Contains(",sensitivity,", StringComparison.Ordinal));
        Assert.Contains("\"ConstA\": \"acc>=-1pt\"", File.ReadAllText(Path.Combine(output, "manifest.json")));
        AssertPng(Path.Combine(output, "pareto.png"));
        Assert.False(File.Exists(Path.Combine(output, "pareto-power.png")), "a host-only search has no power figures to plot");

        // Each candidate's line says how far the search is; piped, each summary row stays on one line.
        Assert.Matches(@"#2 global: .* \[\d+% \(2 of at most \d+ candidates\), \d+s so far", result.StdOut);
        var chosen = csv.Single(l => l.StartsWith(System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "manifest.json"))).RootElement.GetProperty("Chosen").GetInt32() + ",", StringComparison.Ordinal)).Split(',')[2];
        Assert.Contains(result.StdOut.Split('\n'), l => l.Contains("precisions", StringComparison.Ordinal) && l.Contains(chosen, StringComparison.Ordinal) && l.Contains("fp32", StringComparison.Ordinal));
    }

    private static void AssertPng(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 1000, $"{path}: {bytes.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
    }

    [Fact]
    public void A_search_killed_midway_resumes_to_the_csv_of_an_uninterrupted_run()
    {
        var whole = Path.Combine(_temp.Path, "whole");
        Assert.Equal(0, QslmProcess.Run(Small(whole)).ExitCode);
        var expected = File.ReadAllText(Path.Combine(whole, "search.csv"));
        var rows = expected.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;

        var killed = Path.Combine(_temp.Path, "killed");
        var csv = Path.Combine(killed, "search.csv");
        using (var process = Process.Start(new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "qslm"), Small(killed))
        {
            WorkingDirectory = RepositoryFiles.Root, RedirectStandardOutput = true, RedirectStandardError = true, Environment = { ["OMP_NUM_THREADS"] = "1" },
        })!)
        {
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var clock = Stopwatch.StartNew();
            while (!(File.Exists(csv) && File.ReadAllLines(csv).Length > rows / 2) && !process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(5)) Thread.Sleep(50);
            Assert.False(process.HasExited, "the search ended before it could be killed");
            process.Kill(); // SIGKILL
            process.WaitForExit();
        }
        Assert.True(File.ReadAllLines(csv).Length - 1 < rows);

        var resumed = QslmProcess.Run(Small(killed));
        Assert.True(resumed.ExitCode == 0, resumed.StdErr);
        Assert.Contains("resuming", resumed.StdOut);
        Assert.Equal(expected, File.ReadAllText(csv));
    }

    [Fact]
    public void A_search_on_the_local_board_measures_its_answer_there_and_logs_a_board_row_per_measurement()
    {
        var output = Path.Combine(_temp.Path, "board");
        var result = QslmProcess.Run(Small(output, board: "local"));
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("on local: latency per token", result.StdOut);
        Assert.Contains("estimated:horowitz-45nm", result.StdOut);
        Assert.DoesNotContain("measured:", result.StdOut);
        var header = File.ReadAllLines(Path.Combine(output, "search.csv"))[0].Split(',');
        var rows = File.ReadAllLines(Path.Combine(output, "search.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        string Col(string[] row, string name) => row[Array.IndexOf(header, name)];
        var measured = rows.Where(r => r[^1] == "measured").ToList();
        Assert.Contains(measured, r => r[0] == "1");
        Assert.All(measured, r =>
        {
            Assert.Equal("estimated:horowitz-45nm", Col(r, "power_source"));
            Assert.NotEqual("", Col(r, "latency_ms_per_token"));
            Assert.NotEqual("", Col(r, "peak_rss_bytes"));
            // The board's own check agrees with the host's fake quantization on these sentences.
            Assert.Equal(Col(r, "host_value"), Col(r, "board_value"));
        });
        var manifest = File.ReadAllText(Path.Combine(output, "manifest.json"));
        var chosen = System.Text.Json.JsonDocument.Parse(manifest).RootElement.GetProperty("Chosen").GetInt32();
        Assert.Contains(measured, r => r[0] == chosen.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(new FileInfo(Path.Combine(output, "chosen.qslm")).Length > 0);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(output, "packed")));
        AssertPng(Path.Combine(output, "pareto.png"));
        AssertPng(Path.Combine(output, "pareto-power.png"));
        Assert.Contains("power plot: ", result.StdOut);
    }

    [Fact]
    public void A_board_search_killed_midway_resumes_to_the_same_rows_without_measuring_twice()
    {
        var whole = Path.Combine(_temp.Path, "bwhole");
        Assert.Equal(0, QslmProcess.Run(Small(whole, board: "local")).ExitCode);
        var expected = WithoutMeasuredNumbers(Path.Combine(whole, "search.csv"));

        var killed = Path.Combine(_temp.Path, "bkilled");
        var csv = Path.Combine(killed, "search.csv");
        using (var process = Process.Start(new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "qslm"), Small(killed, board: "local"))
        {
            WorkingDirectory = RepositoryFiles.Root, RedirectStandardOutput = true, RedirectStandardError = true, Environment = { ["OMP_NUM_THREADS"] = "1" },
        })!)
        {
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var clock = Stopwatch.StartNew();
            // Killed once the board has measured at least two candidates (the baseline and one more).
            while (!(File.Exists(csv) && File.ReadAllLines(csv).Count(l => l.EndsWith(",measured", StringComparison.Ordinal)) >= 2) && !process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(5)) Thread.Sleep(50);
            Assert.False(process.HasExited, "the search ended before it could be killed");
            process.Kill(entireProcessTree: true); // SIGKILL, the agent with it
            process.WaitForExit();
        }
        var before = File.ReadAllLines(csv).Count(l => l.EndsWith(",measured", StringComparison.Ordinal));

        var resumed = QslmProcess.Run(Small(killed, board: "local"));
        Assert.True(resumed.ExitCode == 0, resumed.StdErr);
        Assert.Contains($"{before} replayed)", resumed.StdOut);
        Assert.Equal(expected, WithoutMeasuredNumbers(csv));
    }

    [Fact]
    public void An_unknown_board_is_refused_with_the_boards_of_the_bench()
    {
        OneLineError.Assert(QslmProcess.Run(Small(Path.Combine(_temp.Path, "unknown"), board: "pi9")), "unknown board 'pi9'");
    }

    [Fact]
    public void A_language_model_search_keeps_perplexity_under_its_ceiling()
    {
        var output = Path.Combine(_temp.Path, "lm");
        var result = QslmProcess.Run("search", "--task", "lm", "--const-a", "ppl<=+10%", "--lm-tokens", "64", "--sensitivity-tokens", "32",
            "--menu", "int8,sign1", "--out", output, "--cache", Path.Combine(_temp.Path, "cache-lm"), "--board-tokens", "16", "--board-repeats", "2");
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("WikiText-2 perplexity (host)", result.StdOut);
        var rows = File.ReadAllLines(Path.Combine(output, "search.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.All(rows, r => Assert.Equal("perplexity", r[5]));
        var baseline = double.Parse(rows[0][6], System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(rows.Where(r => r[1] != "sensitivity" && r[^2] == "True"), r => Assert.True(double.Parse(r[6], System.Globalization.CultureInfo.InvariantCulture) <= baseline * 1.1 + 1e-9));
    }

    [Fact]
    public void A_negative_alpha_is_refused()
    {
        OneLineError.Assert(QslmProcess.Run("search", "--alpha", "-0.5"), "alpha must be a finite number >= 0, got -0.5");
    }

    [Fact]
    public void A_malformed_accuracy_constraint_is_refused_with_the_accepted_forms()
    {
        OneLineError.Assert(QslmProcess.Run("search", "--const-a", "accuracy>80"), "is not one of acc>=FRACTION");
    }

    [Fact]
    public void A_perplexity_constraint_for_the_classifier_is_refused()
    {
        OneLineError.Assert(QslmProcess.Run("search", "--const-a", "ppl<=200"), "does not fit --task sst2");
    }

    [Fact]
    public void An_unsatisfiable_memory_cap_says_by_how_much_it_is_missed()
    {
        var args = Small(Path.Combine(_temp.Path, "tight")).Concat(["--const-m", "1kB"]).ToArray();
        OneLineError.Assert(QslmProcess.Run(args), "constM of 1000 bytes cannot be met");
    }

    [Fact]
    public void A_different_search_in_the_folder_of_another_is_refused()
    {
        var output = Path.Combine(_temp.Path, "other");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "manifest.json"),
            """{"Tool":"qslm","Task":"lm","ModelSha256":{},"DataSha256":{},"Board":"host","Evaluation":"x","ConstA":"ppl<=+5%","ConstM":null,"Alpha":0.5,"Menu":["int8"],"Started":"2026-01-01"}""");
        OneLineError.Assert(QslmProcess.Run(Small(output)), "holds a different search");
    }
}
