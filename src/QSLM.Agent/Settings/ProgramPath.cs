namespace QSLM.Agent.Settings;

/// <summary>The folders the agent looks for the board's own programs in: <c>serve --programs-path</c>, else $PATH.</summary>
internal static class ProgramPath
{
    public static IReadOnlyList<string> Directories(string? path) =>
        (path ?? Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
}
