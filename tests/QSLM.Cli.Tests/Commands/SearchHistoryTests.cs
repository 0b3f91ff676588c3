using System.Diagnostics;
using QSLM.History.Records;
using QSLM.History.Store;

namespace QSLM.Cli.Tests.Commands;

/// <summary>
/// <c>qslm search</c> records itself into the run history as it goes: a search run to its end is a completed run with
/// every candidate, and one killed with SIGKILL midway is an interrupted run with the candidates and figures it had
/// committed, leaving every other run as it was.
/// </summary>
public sealed class SearchHistoryTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-search-history-");

    public void Dispose() => _temp.Dispose();

    private string History => _temp.File("history.db");

    // The killed search scores more sentences per candidate than the whole one, so it is still running when the test has seen its first candidates.
    private string[] Search(string output, int sentences) =>
        ["search", "--sst2-sentences", sentences.ToString(System.Globalization.CultureInfo.InvariantCulture), "--sensitivity-sentences", "4", "--menu", "int8,sign1", "--lm-tokens", "32", "--alpha", "1",
            "--board", "none", "--out", output, "--cache", _temp.File("cache-" + Path.GetFileName(output)), "--history", History, "--operator", "ana"];

    [Fact]
    public void A_search_killed_midway_leaves_an_interrupted_run_with_what_it_completed_and_the_run_before_it_intact()
    {
        var whole = QslmProcess.Run(Search(_temp.File("whole"), sentences: 4));
        Assert.True(whole.ExitCode == 0, whole.StdErr);
        RunRecord before;
        using (var history = SqliteRunHistory.Open(History))
        {
            before = history.Load(Assert.Single(history.List(new RunFilter())).Id)!;
        }
        Assert.Equal(RunStatus.Completed, before.Summary.Status);
        Assert.Equal("ana", before.Summary.Operator);
        Assert.Equal(File.ReadAllLines(Path.Combine(_temp.File("whole"), "search.csv")).Length - 1, before.Candidates.Count);
        Assert.StartsWith("chose #", before.Summary.Outcome);
        Assert.Contains($"history: run {before.Summary.Id} in {History}", whole.StdOut);

        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "qslm")) { WorkingDirectory = RepositoryFiles.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in Search(_temp.File("killed"), sentences: 16)) start.ArgumentList.Add(a);
        start.Environment["OMP_NUM_THREADS"] = "1";
        string killedId;
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using (var process = Process.Start(start)!)
        {
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                killedId = WaitForCandidates(process, atLeast: 2, before.Summary.Id, lines);
                process.Kill();
                process.WaitForExit();
            }
            finally
            {
                if (!process.HasExited) process.Kill();
            }
        }

        using var after = SqliteRunHistory.Open(History);
        var killed = after.Load(killedId)!;
        Assert.Equal(RunStatus.Interrupted, killed.Summary.Status);
        Assert.True(killed.Candidates.Count >= 2, $"{killed.Candidates.Count} candidates");
        Assert.True(killed.Candidates.Count < before.Candidates.Count, "the search was killed after it ended");
        Assert.All(killed.Candidates.Take(2), c => Assert.Contains(killed.Measurements, m => m.Model == c.Model && m.Quantity == Quantities.HostMetric));
        var untouched = after.Load(before.Summary.Id)!;
        Assert.Equal((before.Summary.Status, before.Summary.Outcome, before.Summary.Ended, before.Summary.Measurements), (untouched.Summary.Status, untouched.Summary.Outcome, untouched.Summary.Ended, untouched.Summary.Measurements));
        Assert.Equal(before.Candidates, untouched.Candidates);
        Assert.Equal(before.Measurements, untouched.Measurements);
    }

    // The id of the new run once it has committed at least that many candidates, read while the search runs.
    private string WaitForCandidates(Process process, int atLeast, string earlier, IEnumerable<string> output)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            Assert.False(process.HasExited, "the search ended before it was killed:\n" + string.Join('\n', output));
            using (var history = SqliteRunHistory.Open(History))
            {
                if (history.List(new RunFilter(Status: RunStatus.Running)).FirstOrDefault(r => r.Id != earlier) is { } running
                    && history.Load(running.Id)!.Candidates.Count >= atLeast)
                    return running.Id;
            }
            Thread.Sleep(20);
        }
        throw new TimeoutException("the search recorded no candidates in 3 minutes");
    }
}
