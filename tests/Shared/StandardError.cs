namespace QSLM.Tests.Shared;

/// <summary>Runs code that writes to <see cref="Console.Error"/> and returns what it wrote, line by line.</summary>
internal static class StandardError
{
    public static (int Code, string[] Lines) Capture(Func<int> run)
    {
        var stderr = Console.Error;
        using var error = new StringWriter();
        Console.SetError(error);
        try
        {
            var code = run();
            return (code, error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            Console.SetError(stderr);
        }
    }
}
