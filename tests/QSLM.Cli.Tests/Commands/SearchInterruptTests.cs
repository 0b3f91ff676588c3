using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace QSLM.Cli.Tests.Commands;

/// <summary>
/// Ctrl+C (SIGINT) while the real local agent runs a candidate: <c>qslm search</c> stops the agent's
/// run, exits 130 and keeps what it logged, and the same command resumes to the answer an
/// uninterrupted run gives. Local boards live under this test's own <c>$QSLM_RUNS</c>, so the
/// agents it starts are told apart from any other by their <c>--root</c>.
/// </summary>
public sealed class SearchInterruptTests : IDisposable
{
    // The behaviour required of an interrupted search: it is gone within this long of the signal.
    private static readonly TimeSpan ExitAfterInterrupt = TimeSpan.FromSeconds(5);

    private readonly TemporaryFolder _temp = new("qslm-search-interrupt-");

    public void Dispose() => _temp.Dispose();

    private string[] Search(string output, int boardTokens) =>
        ["search", "--sst2-sentences", "4", "--sensitivity-sentences", "4", "--menu", "int8,sign1", "--lm-tokens", "32", "--alpha", "1",
            "--out", output, "--cache", _temp.File("cache"), "--board", "local", "--board-top", "1",
            "--board-tokens", boardTokens.ToString(CultureInfo.InvariantCulture), "--board-repeats", "1"];

    [Fact]
    public void Sigint_during_a_million_token_board_run_exits_130_within_seconds_stops_the_agent_and_keeps_the_log()
    {
        var output = _temp.File("long");
        var (exitCode, logged, after) = Interrupt(Search(output, boardTokens: 1_000_000));

        Assert.Equal(130, exitCode);
        Assert.Empty(AgentsOfThisTest());
        Assert.NotEmpty(logged);
        Assert.Equal(logged, after.Take(logged.Count));
    }

    [Fact]
    public void A_search_interrupted_while_the_agent_runs_resumes_to_the_csv_and_answer_of_an_uninterrupted_run()
    {
        var whole = _temp.File("whole");
        var uninterrupted = QslmProcess.Run(Search(whole, boardTokens: 2000));
        Assert.True(uninterrupted.ExitCode == 0, uninterrupted.StdErr);

        var resumed = _temp.File("resumed");
        var (exitCode, _, _) = Interrupt(Search(resumed, boardTokens: 2000));
        Assert.Equal(130, exitCode);
        var rerun = ChildProcess.Run(Qslm, Search(resumed, boardTokens: 2000), Environment(), RepositoryFiles.Root);
        Assert.True(rerun.ExitCode == 0, rerun.StdErr);
        Assert.Contains("resuming", rerun.StdOut);

        Assert.Equal(SearchCommandTests.WithoutMeasuredNumbers(Path.Combine(whole, "search.csv")), SearchCommandTests.WithoutMeasuredNumbers(Path.Combine(resumed, "search.csv")));
        Assert.Equal(Chosen(whole), Chosen(resumed));
        Assert.Empty(AgentsOfThisTest());
    }

    private static string Qslm => Path.Combine(AppContext.BaseDirectory, "qslm");

    private Dictionary<string, string> Environment() => new() { ["OMP_NUM_THREADS"] = "1", ["QSLM_RUNS"] = _temp.File("runs") };

    private static int Chosen(string output) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "manifest.json"))).RootElement.GetProperty("Chosen").GetInt32();

    // Starts the search, sends SIGINT as soon as the agent has been greeted and its first run begins
    // (the board announces itself between the agent's check of the candidate and the timed run), and
    // waits for the exit. The CSV's lines when the signal went, and after the exit.
    private (int ExitCode, IReadOnlyList<string> Logged, IReadOnlyList<string> After) Interrupt(string[] args)
    {
        var csv = Path.Combine(args[Array.IndexOf(args, "--out") + 1], "search.csv");
        // A shell starts a background job with SIGINT ignored, every process below inherits that, and
        // .NET then (rightly) leaves Ctrl+C ignored; the suite may run that way (`./run-tests &`), so
        // qslm starts with SIGINT at its default, as from a terminal.
        var start = new ProcessStartInfo("env") { WorkingDirectory = RepositoryFiles.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add(Qslm);
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in Environment()) start.Environment[k] = v;
        var lines = new ConcurrentQueue<string>();
        var signalled = new Stopwatch();
        string Stamped(string line) => signalled.IsRunning ? string.Create(CultureInfo.InvariantCulture, $"[{signalled.Elapsed.TotalSeconds:F2}] {line}") : line;
        using var announced = new ManualResetEventSlim();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lines.Enqueue(Stamped(e.Data));
            if (e.Data.StartsWith("board local: agent ", StringComparison.Ordinal)) announced.Set();
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(Stamped(e.Data)); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (!announced.Wait(TimeSpan.FromMilliseconds(100)))
                Assert.False(process.HasExited, "the search ended before its board run: " + string.Join('\n', lines));
            Assert.NotEmpty(AgentsOfThisTest());
            var logged = File.ReadAllLines(csv);
            signalled.Restart();
            SendInterrupt(process.Id);
            Assert.True(process.WaitForExit(ExitAfterInterrupt), $"qslm still running {ExitAfterInterrupt.TotalSeconds} s after SIGINT; its output (seconds after the signal):\n" + string.Join('\n', lines));
            process.WaitForExit();
            Assert.Contains(lines, l => l.Contains("the same command resumes it", StringComparison.Ordinal));
            return (process.ExitCode, logged, File.ReadAllLines(csv));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    private static void SendInterrupt(int pid)
    {
        using var kill = Process.Start("kill", ["-INT", pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    // Every live agent (qslm-agent serve) whose command line names this test's folder: the ones its searches started.
    private List<string> AgentsOfThisTest()
    {
        var found = new List<string>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out _)) continue;
            string commandLine;
            try
            {
                commandLine = File.ReadAllText(Path.Combine(folder, "cmdline")).Replace('\0', ' ');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // gone while listed, or not ours to read
            }
            if (commandLine.Contains(" serve --root ", StringComparison.Ordinal) && commandLine.Contains(_temp.Path, StringComparison.Ordinal)) found.Add(commandLine);
        }
        return found;
    }
}
