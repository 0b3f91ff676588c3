using System.CommandLine;
using QSLM.Cli.Commands;
using QSLM.Cli.Rendering;
using QSLM.CommandLine;

namespace QSLM.Cli;

/// <summary>Entry point of <c>qslm</c>.</summary>
public static class Program
{
    /// <summary>Parses <paramref name="args"/> and runs the command; a command line that does not
    /// parse is one line on stderr and exit code 2.</summary>
    public static int Main(string[] args)
    {
        var parse = Root().Parse(args);
        if (ParseErrors.Failed(parse)) return ParseErrors.Report(parse, "qslm", Terminal.Error);
        Terminal.Configure();
        // Commands report their own failures; this catches what escapes before a command's body runs.
        var exitCode = new CommandExit("qslm", CommandRunner.Classify).Run(parse.GetValue(GlobalOptions.Verbose), () => parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false }));
        // What is left to the finalizer thread (TorchSharp tensors and scalars among it) is freed now,
        // while libtorch is whole: freed during the process's exit, it races libtorch's own teardown.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return exitCode;
    }

    /// <summary>The command tree of <c>qslm</c>.</summary>
    internal static RootCommand Root()
    {
        var root = new RootCommand(
            "QSLM: finds how far each part of a spike-driven language model (SpikeGPT) can be quantized on an embedded board, " +
            "measuring accuracy, memory and power in the loop.")
        {
            GlobalOptions.Verbose,
        };
        root.Subcommands.Add(SearchCommand.Create());
        root.Subcommands.Add(QualifyCommand.Create());
        root.Subcommands.Add(FarmCommand.Create());
        root.Subcommands.Add(ClaimCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(DataCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(GenerateCommand.Create());
        root.Subcommands.Add(FormatsCommand.Create());
        root.Subcommands.Add(PackCommand.Create());
        root.Subcommands.Add(InspectCommand.Create());
        root.Subcommands.Add(QuantErrorCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(CheckRuntimeCommand.Create());
        root.Subcommands.Add(PowerCommand.Create());
        root.Subcommands.Add(CalibrateCommand.Create());
        root.Subcommands.Add(BoardsCommand.Create());
        root.Subcommands.Add(HistoryCommand.Create());
        root.Subcommands.Add(RegressCommand.Create());
        return root;
    }
}
