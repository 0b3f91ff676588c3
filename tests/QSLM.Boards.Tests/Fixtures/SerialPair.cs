using System.Diagnostics;

namespace QSLM.Boards.Tests.Fixtures;

/// <summary>
/// A null-modem cable made of a socat pty pair: the board end, where a serving agent listens
/// (<c>qslm-agent serve --serial</c>), and the host end. <c>./run-tests</c> installs socat; without it
/// these tests fail, saying so.
/// </summary>
internal sealed class SerialPair : IDisposable
{
    private const string Socat = "/usr/bin/socat";
    private readonly TemporaryFolder _temp = new("qslm-serial-");
    private readonly Process _socat;
    private Process? _agent;

    public SerialPair()
    {
        if (!File.Exists(Socat)) throw new InvalidOperationException($"{Socat} is missing: ./run-tests installs the Debian package socat");
        var start = new ProcessStartInfo(Socat) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { $"pty,raw,echo=0,link={BoardEnd}", $"pty,raw,echo=0,link={HostEnd}" }) start.ArgumentList.Add(a);
        _socat = Process.Start(start)!;
        _socat.BeginErrorReadLine();
        _socat.BeginOutputReadLine();
        // Readiness, not timing: wait until socat has made both ends.
        for (var i = 0; !(File.Exists(BoardEnd) && File.Exists(HostEnd)); i++)
        {
            if (_socat.HasExited || i > 600)
            {
                ProcessTree.Kill(_socat.Id);
                _temp.Dispose();
                throw new InvalidOperationException("socat did not create the pty pair");
            }
            Thread.Sleep(50);
        }
    }

    public string BoardEnd => _temp.File("board-tty");

    public string HostEnd => _temp.File("host-tty");

    public string AgentFolder => _temp.File("agent");

    public string HostFile(string name) => _temp.File(name);

    /// <summary>Starts the agent on the board end, as a board's init would.</summary>
    public void StartAgent()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { BuiltAgent.Dll, "serve", "--root", AgentFolder, "--serial", BoardEnd }) start.ArgumentList.Add(a);
        _agent = Process.Start(start)!;
        _agent.BeginErrorReadLine();
        _agent.BeginOutputReadLine();
    }

    public void Dispose()
    {
        if (_agent is not null) ProcessTree.Kill(_agent.Id);
        ProcessTree.Kill(_socat.Id);
        _agent?.WaitForExit();
        _socat.WaitForExit();
        _temp.Dispose();
    }
}
