using System.Runtime.CompilerServices;

namespace QSLM.Tests.Shared;

/// <summary>
/// Points <c>QSLM_RUNS</c> at the tests' own folder, <c>tests/.runs/</c>, before any test runs, so that
/// nothing a test starts (the CLI in process or as a child, local boards, agent publishes, caches)
/// writes into the user's <c>runs/</c>. Child processes inherit it. The folder is kept between runs
/// so that the linux-arm64 agent is published once per agent build, not once per test run.
/// </summary>
internal static class TestRunsFolder
{
    public static string Path { get; } = System.IO.Path.Combine(RepositoryFiles.Root, "tests", ".runs");

#pragma warning disable CA2255 // A test assembly's process-wide setting, not a library's.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Use()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("QSLM_RUNS")))
            Environment.SetEnvironmentVariable("QSLM_RUNS", Path);
    }
}
