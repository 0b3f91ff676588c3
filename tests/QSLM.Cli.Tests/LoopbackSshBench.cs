using System.Globalization;
using QSLM.Benchmarks.Deployment;

namespace QSLM.Cli.Tests;

/// <summary>A bench file of one SSH board, <c>over-ssh</c>, reached through a loopback sshd with its host key pinned.</summary>
internal static class LoopbackSshBench
{
    /// <summary>Writes the bench <paramref name="name"/> to <paramref name="path"/>: the board runs the <c>local</c> profile
    /// (this x64 machine) and keeps its agent in <paramref name="boardFolder"/>.</summary>
    public static string Write(string path, string name, LoopbackSshd sshd, string boardFolder)
    {
        File.WriteAllText(path, $"bench: {name}\nboards:\n{Entry(sshd, boardFolder)}");
        return path;
    }

    /// <summary>The bench entry of the SSH board <c>over-ssh</c>, for a bench file that holds other boards beside it.</summary>
    public static string Entry(LoopbackSshd sshd, string boardFolder) => $"""
          - name: over-ssh
            profile: local
            link: ssh
            ssh:
              host: {LoopbackSshd.Host}
              port: {sshd.Port.ToString(CultureInfo.InvariantCulture)}
              user: {LoopbackSshd.User}
              key: {sshd.UserKey}
              host_key: {sshd.HostKeyFingerprint}
              folder: {boardFolder}

        """;
}
