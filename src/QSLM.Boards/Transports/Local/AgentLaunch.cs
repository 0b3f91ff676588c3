namespace QSLM.Boards.Transports.Local;

/// <summary>
/// How to start the agent program: a file to execute and the arguments before <c>serve</c>, for
/// example <c>dotnet qslm-agent.dll</c>, a self-contained <c>qslm-agent</c>, or
/// <c>qemu-aarch64 qslm-agent</c> for the linux-arm64 agent on an x64 host.
/// </summary>
/// <param name="FileName">The program to execute.</param>
/// <param name="Arguments">Arguments placed before <c>serve</c>.</param>
public sealed record AgentLaunch(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>A framework-dependent agent (<c>qslm-agent.dll</c>) run by the <c>dotnet</c> host.</summary>
    public static AgentLaunch Dotnet(string agentDll) => new("dotnet", [agentDll]);

    /// <summary>A self-contained agent executable.</summary>
    public static AgentLaunch Executable(string path) => new(path, []);

    /// <summary>A self-contained agent under a user-mode emulator such as <c>qemu-aarch64</c>.</summary>
    public static AgentLaunch Emulated(string emulator, string path) => new(emulator, [path]);
}
