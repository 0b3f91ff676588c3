using System.Security.Cryptography;
using QSLM.Agent.Sensors;
using QSLM.Agent.Serve;
using QSLM.Protocol;
using QSLM.Protocol.Messages;

namespace QSLM.Agent.Tests.Serve;

/// <summary>A serving agent in process, on a folder of its own: each request is answered by a fresh
/// server over the same folder (as after a restart), marks are acknowledged at once.</summary>
internal sealed class ScriptedAgent(string root, long maxModelBytes = 1 << 24, long? maxPartialBytes = null)
{
    private readonly ConfinedFolder _folder = new(root);

    public string ModelsFolder => Path.Combine(_folder.Root, "models");

    public async Task<Message> AskAsync(Message request)
    {
        var port = new Port(request);
        var server = new AgentServer(port, _folder, ProtocolLimits.DefaultMaxMessageBytes, maxModelBytes, maxPartialBytes ?? maxModelBytes, TextWriter.Null, OnboardSensors.Discover(Path.Combine(_folder.Root, "no-sensors")));
        Assert.Equal(AgentCommandRunner.Success, await server.ServeAsync());
        return Assert.Single(port.Replies);
    }

    public Task<Message> PutAsync(byte[] model) => AskAsync(new PutModel(Sha(model), model.Length, 0, model));

    public async Task<IReadOnlyList<ModelStatus>> ListAsync() =>
        Assert.IsType<HelloReply>(await AskAsync(new Hello(ProtocolLimits.Version, "test"))).Models;

    public static string Sha(byte[] model) => Convert.ToHexStringLower(SHA256.HashData(model));

    private sealed class Port(Message request) : IMessagePort
    {
        private readonly Queue<Message> _inbox = new([request]);

        public List<Message> Replies { get; } = [];

        public CancellationToken HostGone => CancellationToken.None;

        public Task<Message?> ReceiveAsync() => Task.FromResult(_inbox.TryDequeue(out var next) ? next : null);

        public Task SendAsync(Message message)
        {
            if (message is Mark mark) _inbox.Enqueue(new MarkAck(mark.Phase, mark.Repeat));
            else Replies.Add(message);
            return Task.CompletedTask;
        }
    }
}
