using System.IO.Pipes;
using System.Security.Cryptography;
using QSLM.Protocol.Messages;
using QSLM.Protocol.Serial;
using Xunit.Abstractions;

namespace QSLM.Protocol.Tests.Serial;

/// <summary>Two links joined by in-process pipes, one direction optionally through a
/// <see cref="FaultyLine"/> that drops and damages bytes.</summary>
public sealed class SerialLinkTests(ITestOutputHelper output)
{
    private static readonly SerialLinkOptions Quick = new() { AckTimeout = TimeSpan.FromMilliseconds(100), BytesPerSecond = 50_000_000, MaxAttempts = 200 };

    [Fact]
    public async Task Every_message_arrives_once_and_in_order_over_a_line_that_drops_and_damages_bytes()
    {
        await using var pair = new LinkPair(hostToAgentFaults: new FaultyLine.Faults(DropRate: 0.00002, FlipRate: 0.00002, Seed: 11), agentToHostFaults: new FaultyLine.Faults(DropRate: 0.001, FlipRate: 0.001, Seed: 12));
        var sha = new string('a', 64);
        var model = RandomNumberGenerator.GetBytes(200_000);
        const int chunk = 4096;
        var echo = Task.Run(async () =>
        {
            var received = new MemoryStream();
            while (true)
            {
                var m = await pair.Agent.ReceiveAsync();
                if (m is Bye) return received.ToArray();
                var put = Assert.IsType<PutModel>(m);
                Assert.Equal(received.Length, put.Offset);
                received.Write(put.Data);
                await pair.Agent.SendAsync(new ModelStatus(sha, received.Length, received.Length == model.Length));
            }
        });
        for (var offset = 0; offset < model.Length; offset += chunk)
        {
            var data = model[offset..Math.Min(offset + chunk, model.Length)];
            await pair.Host.SendAsync(new PutModel(sha, model.Length, offset, data));
            var status = Assert.IsType<ModelStatus>(await pair.Host.ReceiveAsync());
            Assert.Equal(offset + data.Length, status.BytesHeld);
        }
        await pair.Host.SendAsync(new Bye());
        Assert.Equal(model, await echo);
        Assert.True(pair.HostLine.Dropped + pair.HostLine.Flipped + pair.AgentLine.Dropped + pair.AgentLine.Flipped > 0, "the faulty lines injected no fault");
        Assert.True(pair.Host.Retransmissions + pair.Agent.Retransmissions > 0);
    }

    [Fact]
    public async Task A_model_costs_at_most_five_percent_extra_on_a_clean_line_at_the_default_chunk_size()
    {
        // Patient acks: a loaded machine must not cause a retransmission, which would count against the line.
        await using var pair = new LinkPair(options: Quick with { AckTimeout = TimeSpan.FromMinutes(5) });
        var sha = new string('b', 64);
        var model = RandomNumberGenerator.GetBytes(40 * SerialLinkOptions.DefaultChunkBytes);
        var agent = Task.Run(async () =>
        {
            long held = 0;
            while (await pair.Agent.ReceiveAsync() is PutModel put)
            {
                held += put.Data.Length;
                await pair.Agent.SendAsync(new ModelStatus(sha, held, held == model.Length));
            }
        });
        for (var offset = 0; offset < model.Length; offset += SerialLinkOptions.DefaultChunkBytes)
        {
            await pair.Host.SendAsync(new PutModel(sha, model.Length, offset, model[offset..(offset + SerialLinkOptions.DefaultChunkBytes)]));
            await pair.Host.ReceiveAsync();
        }
        await pair.Host.SendAsync(new Bye());
        await agent;
        // Payload efficiency: model bytes over every byte either side put on the wire (acks and replies included).
        var wire = pair.Host.WireBytesSent + pair.Agent.WireBytesSent;
        var efficiency = (double)model.Length / wire;
        Assert.True(efficiency >= 0.95, $"efficiency {efficiency:P2}: {model.Length} model bytes, {wire} wire bytes");
        output.WriteLine($"serial payload efficiency at {SerialLinkOptions.DefaultChunkBytes}-byte chunks: {efficiency:P2} ({model.Length} model bytes, {wire} wire bytes both ways)");
        Assert.Equal(0, pair.Host.Retransmissions);
    }

    [Fact]
    public async Task A_peer_that_never_answers_breaks_the_link_after_the_last_attempt()
    {
        var options = Quick with { MaxAttempts = 3 };
        using var toNowhere = new AnonymousPipeServerStream(PipeDirection.Out);
        using var reader = new AnonymousPipeClientStream(PipeDirection.In, toNowhere.ClientSafePipeHandle);
        using var silence = new AnonymousPipeServerStream(PipeDirection.Out);
        using var silent = new AnonymousPipeClientStream(PipeDirection.In, silence.ClientSafePipeHandle);
        await using var link = new SerialLink(new DuplexStream(silent, toNowhere), options);
        var drain = reader.CopyToAsync(Stream.Null);
        var e = await Assert.ThrowsAsync<IOException>(() => link.SendAsync(new Bye()));
        Assert.Contains("after 3 transmissions", e.Message, StringComparison.Ordinal);
    }

    private sealed class LinkPair : IAsyncDisposable
    {
        private readonly AnonymousPipeServerStream _hostOut = new(PipeDirection.Out);
        private readonly AnonymousPipeServerStream _agentOut = new(PipeDirection.Out);
        private readonly AnonymousPipeClientStream _agentIn;
        private readonly AnonymousPipeClientStream _hostIn;

        public LinkPair(FaultyLine.Faults? hostToAgentFaults = null, FaultyLine.Faults? agentToHostFaults = null, SerialLinkOptions? options = null)
        {
            _agentIn = new AnonymousPipeClientStream(PipeDirection.In, _hostOut.ClientSafePipeHandle);
            _hostIn = new AnonymousPipeClientStream(PipeDirection.In, _agentOut.ClientSafePipeHandle);
            HostLine = new FaultyLine(_hostOut, hostToAgentFaults ?? new FaultyLine.Faults(0, 0, 0));
            AgentLine = new FaultyLine(_agentOut, agentToHostFaults ?? new FaultyLine.Faults(0, 0, 0));
            Host = new SerialLink(new DuplexStream(_hostIn, HostLine), options ?? Quick);
            Agent = new SerialLink(new DuplexStream(_agentIn, AgentLine), options ?? Quick);
        }

        public FaultyLine HostLine { get; }

        public FaultyLine AgentLine { get; }

        public SerialLink Host { get; }

        public SerialLink Agent { get; }

        public async ValueTask DisposeAsync()
        {
            _hostOut.Dispose();
            _agentOut.Dispose();
            await Host.DisposeAsync();
            await Agent.DisposeAsync();
            _agentIn.Dispose();
            _hostIn.Dispose();
        }
    }
}
