using System.CommandLine;
using QSLM.Data;
using TorchSharp;

namespace QSLM.Cli;

/// <summary>
/// Runs a command body and turns failures into one line on stderr and a non-zero exit code:
/// 2 for bad input (missing or malformed files, bad options), 1 for anything else. The stack
/// trace is printed only with <c>--verbose</c>.
/// </summary>
internal static class CommandRunner
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadInput = 2;

    /// <param name="parse">The parsed command line.</param>
    /// <param name="body">The command's work; returns the exit code.</param>
    /// <param name="usesTorch">False for commands that never touch the model on the host (power,
    /// calibration, boards, deploy, reports): they then run where libtorch is absent, as on a bench
    /// PC or a GPU server that carries only the self-contained CLI without its native libraries.</param>
    public static int Run(ParseResult parse, Func<int> body, bool usesTorch = true)
    {
        var verbose = parse.GetValue(GlobalOptions.Verbose);
        try
        {
            if (usesTorch) torch.set_num_threads(ThreadCount());
            return body();
        }
        catch (Exception e) when (IsInputError(e))
        {
            Report(e, verbose, hint: false);
            return BadInput;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("qslm: cancelled");
            return Failure;
        }
        catch (Exception e)
        {
            Report(e, verbose, hint: true);
            return Failure;
        }
    }

    /// <summary>Torch threads: <c>OMP_NUM_THREADS</c> when set (so that two jobs sharing a machine
    /// do not oversubscribe it; libtorch's spinning workers then slow both by orders of magnitude),
    /// else one per core.</summary>
    private static int ThreadCount() =>
        int.TryParse(Environment.GetEnvironmentVariable("OMP_NUM_THREADS"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : Environment.ProcessorCount;

    private static bool IsInputError(Exception e) =>
        e is InputException or QSLM.Format.Packed.PackedFileException or QSLM.Boards.Inventory.InventoryException or FileNotFoundException or DirectoryNotFoundException or ArgumentException;

    private static void Report(Exception e, bool verbose, bool hint)
    {
        var message = e.Message.Split('\n')[0].Trim();
        Console.Error.WriteLine($"qslm: error: {message}");
        if (verbose) Console.Error.WriteLine(e.ToString());
        else if (hint) Console.Error.WriteLine("(run with --verbose for the stack trace)");
    }
}
