using System.Diagnostics;
using QSLM.Protocol;

namespace QSLM.Boards.Transports.Local;

/// <summary>
/// The built-in default board: the agent as a child process of the host, spoken to over its stdin and
/// stdout, confined to <paramref name="workingDirectory"/>. Models go through the protocol in chunks.
/// </summary>
/// <param name="launch">How to start the agent.</param>
/// <param name="workingDirectory">The agent's folder (its <c>--root</c>); created if missing.</param>
/// <param name="serveOptions">Extra options for <c>serve</c> (its caps: <c>--max-message-bytes</c>, <c>--max-model-bytes</c>).</param>
public sealed class LocalProcessTransport(AgentLaunch launch, string workingDirectory, IReadOnlyList<string>? serveOptions = null) : IBoardTransport
{
    private const int StderrLines = 20;
    private readonly Queue<string> _stderr = new();
    private Process? _process;

    /// <inheritdoc/>
    public string Description => $"local process {launch.FileName} (folder {workingDirectory})";

    /// <summary>The options <c>serve</c> is started with beyond its folder (caps, a simulated board's sensors).</summary>
    public IReadOnlyList<string> ServeOptions => serveOptions ?? [];

    /// <summary>Process id of the running agent, or null; lets fault-injection tests kill it.</summary>
    public int? AgentProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <inheritdoc/>
    public IModelUploader? Uploader => null;

    /// <inheritdoc/>
    public Task ConnectAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(workingDirectory);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IAgentChannel> StartAgentAsync(CancellationToken cancellationToken)
    {
        Kill();
        var start = new ProcessStartInfo(launch.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var a in launch.Arguments) start.ArgumentList.Add(a);
        foreach (var a in new[] { "serve", "--root", workingDirectory }.Concat(serveOptions ?? [])) start.ArgumentList.Add(a);
        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
        lock (_stderr) _stderr.Clear();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{launch.FileName} did not start");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_stderr)
            {
                _stderr.Enqueue(e.Data);
                while (_stderr.Count > StderrLines) _stderr.Dequeue();
            }
        };
        process.BeginErrorReadLine();
        _process = process;
        IAgentChannel channel = new StreamAgentChannel(
            process.StandardInput.BaseStream,
            process.StandardOutput.BaseStream,
            abort: () => KillProcess(process),
            close: async () =>
            {
                process.StandardInput.Close();
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    KillProcess(process);
                }
            },
            exitDetail: () => ExitDetail(process),
            maxMessageBytes: ProtocolLimits.DefaultMaxMessageBytes);
        return Task.FromResult(channel);
    }

    /// <inheritdoc/>
    public Task DisconnectAsync()
    {
        Kill();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }

    private string? ExitDetail(Process process)
    {
        if (!process.WaitForExit(TimeSpan.FromSeconds(5))) return null;
        string tail;
        lock (_stderr) tail = string.Join(" | ", _stderr);
        return FormattableString.Invariant($"exit code {process.ExitCode}") + (tail.Length > 0 ? "; stderr: " + tail : "");
    }

    private void Kill()
    {
        if (_process is null) return;
        KillProcess(_process);
        _process.Dispose();
        _process = null;
    }

    private static void KillProcess(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone: nothing to kill.
        }
    }
}
