using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using QSLM.Farm.Lava;

namespace QSLM.Farm.Tests.Lava.RealLava;

/// <summary>A <c>qslm qualify --lava</c> process, its output gathered as it comes, until its first job's test shell
/// runs on a board (the job's log shows the agent deployed): then a test can act on the job or on qslm mid-run.</summary>
internal sealed partial class RunningQualify : IDisposable
{
    private readonly StringBuilder _stdout = new();
    private readonly Task<string> _stderr;

    private RunningQualify(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "qslm")) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryFiles.Root };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["OMP_NUM_THREADS"] = "1";
        Process = Process.Start(start)!;
        Process.OutputDataReceived += (_, e) => { lock (_stdout) _stdout.AppendLine(e.Data); };
        Process.BeginOutputReadLine();
        _stderr = Process.StandardError.ReadToEndAsync();
    }

    /// <summary>The qslm process.</summary>
    public Process Process { get; }

    /// <summary>The first job qslm submitted.</summary>
    public int FirstJob { get; private set; }

    /// <summary>What qslm printed on stdout so far.</summary>
    public string StdOut
    {
        get { lock (_stdout) return _stdout.ToString(); }
    }

    /// <summary>Starts qslm with <paramref name="arguments"/> and waits, at most three minutes, for its first job's
    /// test shell to have deployed the agent.</summary>
    public static async Task<RunningQualify> UntilTestShellAsync(LavaClient client, IEnumerable<string> arguments)
    {
        var running = new RunningQualify(arguments);
        int? first = null;
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline && !running.Process.HasExited)
        {
            first ??= JobLine().Matches(running.StdOut).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Cast<int?>().FirstOrDefault();
            if (first is { } id && (await LogSoFar(client, id)).Contains("qslm-agent-deploy", StringComparison.Ordinal)) break;
            await Task.Delay(500);
        }
        Assert.True(first is not null, "qslm submitted no job: " + running.StdOut);
        running.FirstJob = first.Value;
        return running;
    }

    /// <summary>Everything qslm printed, once it has exited (at most <paramref name="timeout"/>).</summary>
    public async Task<string> AllOutputAsync(TimeSpan timeout)
    {
        Assert.True(Process.WaitForExit(timeout), "qslm did not finish: " + StdOut);
        return StdOut + await _stderr;
    }

    // A job not yet started has no log (LAVA answers 404).
    private static async Task<string> LogSoFar(LavaClient client, int id)
    {
        try
        {
            return await client.LogsAsync(id);
        }
        catch (QSLM.Errors.InputException)
        {
            return "";
        }
    }

    [GeneratedRegex(@"LAVA job (\d+) \(")]
    private static partial Regex JobLine();

    public void Dispose()
    {
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        Process.Dispose();
    }
}
