using QSLM.Data;
using QSLM.Format.Packed;

namespace QSLM.Agent;

/// <summary>Turns failures into one line on stderr: exit 2 for bad input (a missing, corrupt or
/// mismatched model, bad data, an out-of-range token), 1 for anything else.</summary>
internal static class AgentCommandRunner
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadInput = 2;

    public static int Run(bool verbose, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is InputException or PackedFileException or FileNotFoundException or DirectoryNotFoundException or ArgumentException)
        {
            Report(e, verbose);
            return BadInput;
        }
        catch (Exception e)
        {
            Report(e, verbose);
            return Failure;
        }
    }

    private static void Report(Exception e, bool verbose)
    {
        Console.Error.WriteLine($"qslm-agent: error: {e.Message.Split('\n')[0].Trim()}");
        if (verbose) Console.Error.WriteLine(e.ToString());
    }
}
