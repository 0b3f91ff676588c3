using System.CommandLine;
using QSLM.Agent.Commands;
using QSLM.Agent.Serve;
using QSLM.CommandLine;

namespace QSLM.Agent;

/// <summary>Entry point of <c>qslm-agent</c>.</summary>
public static class Program
{
    /// <summary>Parses <paramref name="args"/> and runs the command; a command line that does not
    /// parse is one line on stderr and exit code 2.</summary>
    public static async Task<int> Main(string[] args)
    {
        var parse = Root().Parse(args);
        if (ParseErrors.Failed(parse)) return ParseErrors.Report(parse, "qslm-agent", Console.Error);
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Commands report their own failures; this catches what escapes before a command's body runs.
            return new CommandExit("qslm-agent", AgentCommandRunner.Classify).Report(e, parse.GetValue(AgentOptions.Verbose));
        }
    }

    /// <summary>The command tree of <c>qslm-agent</c>.</summary>
    internal static RootCommand Root() => new("qslm-agent: runs packed SpikeGPT models on a board (no TorchSharp) and reports what they did.")
    {
        AgentOptions.Verbose,
        AgentOptions.Kernel,
        AgentOptions.Threads,
        InfoCommand.Create(),
        EvalCommand.Create(),
        RunCommand.Create(),
        ServeCommand.Create(),
        SelftestCommand.Create(),
    };
}
