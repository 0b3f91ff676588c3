using QSLM.Boards.Transports.Local;
using QSLM.Boards.Transports.Ssh;

namespace QSLM.Boards.Tests.Fixtures;

/// <summary>The framework-dependent agent built beside these tests.</summary>
internal static class BuiltAgent
{
    public static string Dll => typeof(QSLM.Agent.Diagnostics.ProcessMemory).Assembly.Location;

    public static AgentLaunch Launch => AgentLaunch.Dotnet(Dll);

    /// <summary>The agent's own files (those its deps.json names) out of the test folder, which also
    /// holds the tests and xunit, copied into <paramref name="folder"/> as a publish would lay them out.</summary>
    public static AgentBundle Bundle(string folder) => AgentBuildOutput.CopyFrameworkDependent(Dll, folder);
}
