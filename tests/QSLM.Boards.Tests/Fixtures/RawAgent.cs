using QSLM.Boards.Transports;
using QSLM.Boards.Transports.Local;
using QSLM.Protocol.Messages;

namespace QSLM.Boards.Tests.Fixtures;

/// <summary>The agent as a child process and its channel, without a session.</summary>
internal sealed class RawAgent : IAsyncDisposable
{
    private readonly LocalProcessTransport _transport;
    private IAgentChannel _channel = null!;

    private RawAgent(IReadOnlyList<string>? options)
    {
        _transport = new LocalProcessTransport(BuiltAgent.Launch, Temp.File("agent"), options);
    }

    public TemporaryFolder Temp { get; } = new();

    /// <summary>The agent's working folder (its --root).</summary>
    public string Folder => Temp.File("agent");

    public string ModelsFolder => Temp.File("agent/models");

    public string PartialPath(string sha) => Path.Combine(ModelsFolder, sha + ".part");

    public string CompletePath(string sha) => Path.Combine(ModelsFolder, sha + ".qslm");

    public static async Task<RawAgent> StartAsync(IReadOnlyList<string>? options = null)
    {
        var agent = new RawAgent(options);
        await agent._transport.ConnectAsync(CancellationToken.None);
        agent._channel = await agent._transport.StartAgentAsync(CancellationToken.None);
        return agent;
    }

    public async Task<Message> AskAsync(Message request)
    {
        await _channel.SendAsync(request, CancellationToken.None);
        return await _channel.ReceiveAsync(CancellationToken.None);
    }

    /// <summary>Runs the model briefly, acknowledging its marks; the reply is the result or the refusal.</summary>
    public async Task<Message> RunAsync(string sha)
    {
        await _channel.SendAsync(new RunWorkload(sha, 4, 0, 1, 1, 1), CancellationToken.None);
        while (true)
        {
            var reply = await _channel.ReceiveAsync(CancellationToken.None);
            if (reply is not Mark mark) return reply;
            await _channel.SendAsync(new MarkAck(mark.Phase, mark.Repeat), CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _transport.DisposeAsync();
        Temp.Dispose();
    }
}
