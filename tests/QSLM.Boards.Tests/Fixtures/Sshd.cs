using QSLM.Benchmarks.Deployment;
using QSLM.Boards.Transports.Ssh;

namespace QSLM.Boards.Tests.Fixtures;

/// <summary>
/// The SSH tests' board: <see cref="LoopbackSshd"/> (a real OpenSSH server on 127.0.0.1 only, throwaway
/// keys, run as the current user) plus what the tests need beside it: a second host key for "changed key"
/// pins, a passphrase-locked user key, and known_hosts files that pin the wrong key or the wrong port.
/// <c>./run-tests</c> installs <c>openssh-server</c>; without it these tests fail, saying so.
/// </summary>
public sealed class Sshd : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-sshd-");
    private readonly LoopbackSshd _daemon;

    public Sshd()
    {
        LoopbackSshd.KeyGen(_temp.Path, "other_host_key");
        LoopbackSshd.KeyGen(_temp.Path, "locked_user_key", LockedKeyPassphrase);
        _daemon = new LoopbackSshd(_temp.Path, [_temp.File("locked_user_key.pub")]);
        var hostKey = File.ReadAllText(_temp.File("host_key.pub")).Split(' ');
        var otherKey = File.ReadAllText(_temp.File("other_host_key.pub")).Split(' ');
        File.WriteAllText(_temp.File("known_hosts_changed"), $"[127.0.0.1]:{Port} {otherKey[0]} {otherKey[1]}\n");
        File.WriteAllText(_temp.File("known_hosts_unknown"), $"[127.0.0.1]:{Port + 1} {hostKey[0]} {hostKey[1]}\n");
    }

    public const string Host = LoopbackSshd.Host;

    public const string LockedKeyPassphrase = "correct-horse-battery-staple";

    public int Port => _daemon.Port;

    public string Folder => _temp.Path;

    public string PathOf(string name) => _temp.File(name);

    public static string User => LoopbackSshd.User;

    /// <summary>The host key's fingerprint as <c>ssh-keygen -lf</c> prints it (<c>SHA256:…</c>).</summary>
    public string HostKeyFingerprint => _daemon.HostKeyFingerprint;

    public string OtherHostKeyFingerprint => LoopbackSshd.Fingerprint(_temp.File("other_host_key.pub"));

    public SshBoardAddress Address(HostKeyPin pin, string remoteDirectory, string key = "user_key") =>
        new(Host, Port, User, _temp.File(key), pin, remoteDirectory);

    /// <summary>Kills the daemon and every session it forked (SIGKILL), as a board losing power would.</summary>
    public void Kill() => _daemon.Kill();

    /// <summary>Starts the daemon and waits until it accepts connections.</summary>
    public void Start() => _daemon.Start();

    public void Dispose()
    {
        _daemon.Dispose();
        _temp.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class SshdCollection : ICollectionFixture<Sshd>
{
    public const string Name = "sshd";
}
