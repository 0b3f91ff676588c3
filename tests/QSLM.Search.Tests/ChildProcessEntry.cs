using System.Globalization;
using QSLM.Search.HostEvaluation;
using QSLM.Search.Synthetic;
using QSLM.Search.Tests.HostEvaluation;

namespace QSLM.Search.Tests;

/// <summary>
/// The test assembly's entry point, so a test can run this assembly as a second process
/// (<c>dotnet exec QSLM.Search.Tests.dll COMMAND ...</c>) to check what only another process shows:
/// file locks and concurrent writers. Each command prints <c>ready</c> once set up and then waits for
/// a line on its standard input before it goes on, so the test decides when the processes overlap.
/// </summary>
internal static class ChildProcessEntry
{
    public static async Task<int> Main(string[] args)
    {
        switch (args)
        {
            case ["append-cache", var path, var first, var count]:
                using (var cache = new EvaluationCache(path, new SyntheticEvaluator(CacheCandidates.Hierarchy)))
                {
                    WaitForGo();
                    foreach (var candidate in CacheCandidates.All.Skip(Parse(first)).Take(Parse(count))) await cache.EvaluateAsync(candidate, CancellationToken.None);
                }
                return 0;
            case ["hold-lock", var path]:
                using (ExclusiveFileLock.Acquire(path, TimeSpan.FromSeconds(60))) WaitForGo();
                return 0;
            default:
                Console.Error.WriteLine("usage: append-cache PATH FIRST COUNT | hold-lock PATH");
                return 2;
        }
    }

    private static void WaitForGo()
    {
        Console.WriteLine("ready");
        Console.Out.Flush();
        Console.ReadLine();
    }

    private static int Parse(string number) => int.Parse(number, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>Starts this assembly as a child running <paramref name="args"/> and waits until it is ready.</summary>
    public static System.Diagnostics.Process StartReady(params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "exec", typeof(ChildProcessEntry).Assembly.Location }.Concat(args)) start.ArgumentList.Add(a);
        var child = System.Diagnostics.Process.Start(start)!;
        var first = child.StandardOutput.ReadLine();
        if (first != "ready")
        {
            child.WaitForExit();
            throw new InvalidOperationException($"child {string.Join(' ', args)} did not start: {first} {child.StandardError.ReadToEnd()}");
        }
        return child;
    }

    /// <summary>Lets a ready child go on and waits for it to end; its exit code.</summary>
    public static int Go(System.Diagnostics.Process child)
    {
        child.StandardInput.WriteLine("go");
        child.StandardInput.Close();
        var errors = child.StandardError.ReadToEndAsync();
        child.WaitForExit();
        return child.ExitCode == 0 ? 0 : throw new InvalidOperationException($"child exited {child.ExitCode}: {errors.Result}");
    }
}
