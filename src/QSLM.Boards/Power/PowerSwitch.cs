using System.Diagnostics;
using System.Globalization;
using QSLM.Errors;

namespace QSLM.Boards.Power;

/// <summary>
/// A board's power switch, as the bench file's <c>power_switch</c> gives it: a command line (run by <c>/bin/sh</c>)
/// in which <c>{board}</c> stands for the board's name, that turns the board off and on again and exits 0 once done
/// (a smart plug's CLI, a relay board's script, a PDU's SNMP call). It is what brings back a board that stopped
/// answering; whatever failed before it is an infrastructure failure, never the candidate's.
/// </summary>
public sealed class PowerSwitch(string commandLine, TimeSpan? timeout = null)
{
    /// <summary>The placeholder for the board's name.</summary>
    public const string Placeholder = "{board}";

    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromMinutes(2);

    /// <summary>The command line as the bench file gives it.</summary>
    public string CommandLine => commandLine;

    /// <summary>Turns <paramref name="board"/> off and on.</summary>
    /// <exception cref="InfrastructureFailureException">The command did not exit 0 in time; the message has its last output.</exception>
    public async Task CycleAsync(string board, CancellationToken cancellationToken = default)
    {
        // The name is one word to the shell whatever it holds: quoted, with its own quotes escaped.
        var command = commandLine.Replace(Placeholder, "'" + board.Replace("'", "'\\''", StringComparison.Ordinal) + "'", StringComparison.Ordinal);
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = Process.Start(start) ?? throw new InfrastructureFailureException($"board {board}: power switch '{commandLine}' did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(_timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new InfrastructureFailureException(string.Create(CultureInfo.InvariantCulture, $"board {board}: power switch '{commandLine}' did not finish in {_timeout.TotalSeconds:0} s"));
        }
        if (process.ExitCode != 0)
        {
            var said = ((await error.ConfigureAwait(false)) + (await output.ConfigureAwait(false))).Trim().Split('\n')[^1];
            throw new InfrastructureFailureException(string.Create(CultureInfo.InvariantCulture, $"board {board}: power switch '{commandLine}' exited {process.ExitCode}{(said.Length > 0 ? ": " + said : "")}"));
        }
    }
}
