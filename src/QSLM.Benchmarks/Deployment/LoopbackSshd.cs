using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace QSLM.Benchmarks.Deployment;

/// <summary>
/// A benchmark and test helper, never a way to reach a board: a private OpenSSH <c>sshd</c> on
/// 127.0.0.1 only, on a free port, run as the current user with its own config and throwaway ed25519
/// host and user keys made by <c>ssh-keygen</c> in <see cref="Folder"/>. <c>qslm bench deploy</c> with
/// no bench file measures against it; the SSH tests use it as their board.
/// </summary>
public sealed class LoopbackSshd : IDisposable
{
    /// <summary>Where Debian's <c>openssh-server</c> installs the daemon.</summary>
    public const string Daemon = "/usr/sbin/sshd";

    /// <summary>The only address it listens on.</summary>
    public const string Host = "127.0.0.1";

    private Process? _process;

    /// <summary>Makes keys and config in <paramref name="folder"/> (which must exist) and starts the daemon.
    /// <paramref name="extraAuthorizedKeys"/> are public key files also allowed to log in.</summary>
    public LoopbackSshd(string folder, IEnumerable<string>? extraAuthorizedKeys = null)
    {
        if (!File.Exists(Daemon)) throw new InvalidOperationException($"{Daemon} is missing: install the Debian package openssh-server (./run-tests does)");
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
        Folder = folder;
        KeyGen(folder, "host_key");
        KeyGen(folder, "user_key");
        File.WriteAllText(PathOf("authorized_keys"), string.Concat(new[] { PathOf("user_key.pub") }.Concat(extraAuthorizedKeys ?? []).Select(File.ReadAllText)));
        Port = FreePort();
        File.WriteAllText(PathOf("sshd_config"), string.Join('\n',
            $"Port {Port}",
            $"ListenAddress {Host}",
            $"HostKey {PathOf("host_key")}",
            $"PidFile {PathOf("sshd.pid")}",
            $"AuthorizedKeysFile {PathOf("authorized_keys")}",
            "PubkeyAuthentication yes",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "PermitRootLogin prohibit-password",
            "UsePAM no",
            "StrictModes no",
            "Subsystem sftp internal-sftp",
            "LogLevel ERROR",
            ""));
        var hostKey = File.ReadAllText(PathOf("host_key.pub")).Split(' ');
        File.WriteAllText(PathOf("known_hosts"), $"[{Host}]:{Port} {hostKey[0]} {hostKey[1]}\n");
        HostKeyFingerprint = Fingerprint(PathOf("host_key.pub"));
        Start();
    }

    /// <summary>The folder holding keys, config and known_hosts.</summary>
    public string Folder { get; }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>The user that logs in: the current one.</summary>
    public static string User => Environment.UserName;

    /// <summary>The private key that logs in.</summary>
    public string UserKey => PathOf("user_key");

    /// <summary>The host key's fingerprint as <c>ssh-keygen -lf</c> prints it (<c>SHA256:…</c>).</summary>
    public string HostKeyFingerprint { get; }

    /// <summary>A file in <see cref="Folder"/>.</summary>
    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>Starts the daemon and waits until it accepts connections.</summary>
    public void Start()
    {
        var start = new ProcessStartInfo(Daemon) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-D", "-e", "-f", PathOf("sshd_config") }) start.ArgumentList.Add(a);
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

    /// <summary>Kills the daemon and every session it forked, as a board losing power would.</summary>
    public void Kill()
    {
        if (_process is null) return;
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
    }

    /// <inheritdoc/>
    public void Dispose() => Kill();

    /// <summary>Makes an ed25519 key pair <paramref name="name"/> and <c>NAME.pub</c> in <paramref name="folder"/>.</summary>
    public static void KeyGen(string folder, string name, string passphrase = "") =>
        Run("ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-C", "qslm-loopback", "-f", Path.Combine(folder, name));

    /// <summary>A public key file's fingerprint as <c>ssh-keygen -lf</c> prints it.</summary>
    public static string Fingerprint(string publicKeyFile) => Run("ssh-keygen", "-lf", publicKeyFile).Split(' ')[1];

    private static string Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return process.ExitCode == 0 ? stdout.Result : throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {stderr.Result.Trim()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
