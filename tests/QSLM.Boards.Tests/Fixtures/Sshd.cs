using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using QSLM.Boards.Transports.Ssh;

namespace QSLM.Boards.Tests.Fixtures;

/// <summary>
/// A real OpenSSH server on 127.0.0.1 only, on a free port, with a private config and throwaway
/// ed25519 host and user keys made by ssh-keygen in a temporary folder; it runs as the current user.
/// <c>./run-tests</c> installs <c>openssh-server</c>; without it these tests fail, saying so.
/// </summary>
public sealed class Sshd : IDisposable
{
    private const string Daemon = "/usr/sbin/sshd";
    private readonly TemporaryFolder _temp = new("qslm-sshd-");
    private Process? _process;

    public Sshd()
    {
        if (!File.Exists(Daemon)) throw new InvalidOperationException($"{Daemon} is missing: ./run-tests installs the Debian package openssh-server");
        if (!Directory.Exists("/run/sshd"))
        {
            try
            {
                Directory.CreateDirectory("/run/sshd"); // sshd's privilege-separation folder must exist
            }
            catch (UnauthorizedAccessException e)
            {
                throw new InvalidOperationException("sshd needs the folder /run/sshd and this user cannot create it: ./run-tests creates it", e);
            }
        }
        KeyGen("host_key", passphrase: "");
        KeyGen("user_key", passphrase: "");
        KeyGen("other_host_key", passphrase: "");
        KeyGen("locked_user_key", passphrase: LockedKeyPassphrase);
        File.WriteAllText(_temp.File("authorized_keys"), File.ReadAllText(_temp.File("user_key.pub")) + File.ReadAllText(_temp.File("locked_user_key.pub")));
        Port = FreePort();
        File.WriteAllText(_temp.File("sshd_config"), string.Join('\n',
            $"Port {Port}",
            "ListenAddress 127.0.0.1",
            $"HostKey {_temp.File("host_key")}",
            $"PidFile {_temp.File("sshd.pid")}",
            $"AuthorizedKeysFile {_temp.File("authorized_keys")}",
            "PubkeyAuthentication yes",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "PermitRootLogin prohibit-password",
            "UsePAM no",
            "StrictModes no",
            "Subsystem sftp internal-sftp",
            "LogLevel ERROR",
            ""));
        var hostKey = File.ReadAllText(_temp.File("host_key.pub")).Split(' ');
        File.WriteAllText(_temp.File("known_hosts"), $"[127.0.0.1]:{Port} {hostKey[0]} {hostKey[1]}\n");
        var otherKey = File.ReadAllText(_temp.File("other_host_key.pub")).Split(' ');
        File.WriteAllText(_temp.File("known_hosts_changed"), $"[127.0.0.1]:{Port} {otherKey[0]} {otherKey[1]}\n");
        File.WriteAllText(_temp.File("known_hosts_unknown"), $"[127.0.0.1]:{Port + 1} {hostKey[0]} {hostKey[1]}\n");
        Start();
    }

    public const string Host = "127.0.0.1";

    public const string LockedKeyPassphrase = "correct-horse-battery-staple";

    public int Port { get; }

    public string Folder => _temp.Path;

    public string PathOf(string name) => _temp.File(name);

    public static string User => Environment.UserName;

    /// <summary>The host key's fingerprint as <c>ssh-keygen -lf</c> prints it (<c>SHA256:…</c>).</summary>
    public string HostKeyFingerprint => Run("ssh-keygen", "-lf", _temp.File("host_key.pub")).Split(' ')[1];

    public string OtherHostKeyFingerprint => Run("ssh-keygen", "-lf", _temp.File("other_host_key.pub")).Split(' ')[1];

    public SshBoardAddress Address(HostKeyPin pin, string remoteDirectory, string key = "user_key") =>
        new(Host, Port, User, _temp.File(key), pin, remoteDirectory);

    /// <summary>Kills the daemon and every session it forked (SIGKILL), as a board losing power would.</summary>
    public void Kill()
    {
        if (_process is null) return;
        ProcessTree.Kill(_process.Id);
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
    }

    /// <summary>Starts the daemon and waits until it accepts connections.</summary>
    public void Start()
    {
        var start = new ProcessStartInfo(Daemon) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-D", "-e", "-f", _temp.File("sshd_config") }) start.ArgumentList.Add(a);
        _process = Process.Start(start)!;
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        // Readiness, not timing: poll until the port answers or the daemon has died.
        for (var i = 0; ; i++)
        {
            if (_process.HasExited) throw new InvalidOperationException($"sshd exited with code {_process.ExitCode} at start-up");
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (i < 600)
            {
                Thread.Sleep(50);
            }
        }
    }

    public void Dispose()
    {
        Kill();
        _temp.Dispose();
    }

    private void KeyGen(string name, string passphrase) =>
        Run("ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-C", "qslm-test", "-f", _temp.File(name));

    private static string Run(string program, params string[] args)
    {
        var r = ChildProcess.Run(program, args, timeoutSeconds: 60);
        return r.ExitCode == 0 ? r.StdOut : throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({r.ExitCode}): {r.StdErr}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class SshdCollection : ICollectionFixture<Sshd>
{
    public const string Name = "sshd";
}
