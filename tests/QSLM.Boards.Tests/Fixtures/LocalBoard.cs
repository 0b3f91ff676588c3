using QSLM.Boards.Resilience;
using QSLM.Boards.Sessions;
using QSLM.Boards.Transports.Local;

namespace QSLM.Boards.Tests.Fixtures;

/// <summary>A local board: the built agent as a child process in a temporary folder, with a session
/// whose retries wait only milliseconds (configuration, not a timing assertion).</summary>
internal sealed class LocalBoard : IAsyncDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-local-board-");

    public LocalBoard(BoardResilienceOptions? options = null, IReadOnlyList<string>? serveOptions = null, int chunkBytes = 64 << 10, TimeProvider? time = null)
    {
        Transport = new LocalProcessTransport(BuiltAgent.Launch, AgentFolder, serveOptions);
        Session = new BoardSession("local", Transport, options ?? FastRetries, time, Log) { ChunkBytes = chunkBytes };
    }

    public static BoardResilienceOptions FastRetries { get; } = new() { RetryBaseDelay = TimeSpan.FromMilliseconds(20) };

    public string AgentFolder => _temp.File("agent");

    public string HostFile(string name) => _temp.File(name);

    public string StoredModel(string sha256) => Path.Combine(AgentFolder, "models", sha256 + ".qslm");

    public LocalProcessTransport Transport { get; }

    public BoardSession Session { get; }

    public RecordingLog Log { get; } = new();

    /// <summary>Kills the running agent process (SIGKILL), as a crash would.</summary>
    public void KillAgent() => ProcessTree.Kill(Transport.AgentProcessId ?? throw new InvalidOperationException("no agent is running"));

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync();
        _temp.Dispose();
    }
}
