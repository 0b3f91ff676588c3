using QSLM.Boards.Sessions;
using QSLM.Boards.Tests.Fixtures;
using QSLM.Boards.Transports.Serial;
using QSLM.Protocol;
using QSLM.Protocol.Messages;
using QSLM.Protocol.Serial;
using QSLM.Protocol.Tests.Serial;

namespace QSLM.Boards.Tests.Transports.Serial;

/// <summary>The serial board: System.IO.Ports on the host end of a socat pty pair, the agent serving
/// on the other end, every message framed and acknowledged.</summary>
public sealed class SerialTransportTests
{
    // The pty moves bytes at memory speed; a lost frame is resent after 200 ms rather than after a
    // real line's transmit time. Configuration, not an assertion about time.
    private static readonly SerialLinkOptions PtyLink = new() { AckTimeout = TimeSpan.FromMilliseconds(200), BytesPerSecond = 10_000_000, MaxAttempts = 50 };

    [Fact]
    public async Task A_model_is_put_and_run_over_the_serial_line_and_the_agent_outlives_the_session()
    {
        using var pair = new SerialPair();
        pair.StartAgent();
        var model = TinyModels.Write(pair.HostFile("m.qslm"));
        var sha = ModelHash.OfFile(model);
        var transport = new SerialTransport(pair.HostEnd, options: PtyLink);
        await using (var session = new BoardSession("serial", transport, log: new RecordingLog()) { ChunkBytes = SerialLinkOptions.DefaultChunkBytes })
        {
            Assert.Equal("linux-x64", (await session.ConnectAsync()).RuntimeId);
            var marks = 0;
            var result = await session.RunAsync(model, new RunSettings(Tokens: 8, Repeats: 2, Threads: 1), (_, _) =>
            {
                marks++;
                return Task.CompletedTask;
            });
            Assert.Equal(sha, result.Sha256);
            Assert.Equal(4, marks);
            Assert.Empty(session.Failures);
        }
        Assert.Equal(sha, ModelHash.OfFile(Path.Combine(pair.AgentFolder, "models", sha + ".qslm")));

        // The same agent, a new host session: the model is already there.
        var again = new SerialTransport(pair.HostEnd, options: PtyLink);
        await using (var session = new BoardSession("serial", again))
        {
            Assert.Contains((await session.ConnectAsync()).Models, m => m.Sha256 == sha && m.Complete);
            Assert.Equal(sha, (await session.RunAsync(model, new RunSettings(Tokens: 4, Threads: 1))).Sha256);
        }
    }

    [Fact]
    public async Task A_host_that_vanishes_mid_run_leaves_the_serial_agent_ready_for_the_next_host()
    {
        using var pair = new SerialPair();
        pair.StartAgent();
        var model = TinyModels.Write(pair.HostFile("m.qslm"));
        var sha = ModelHash.OfFile(model);
        var bytes = await File.ReadAllBytesAsync(model);

        // The first host speaks raw frames, starts an endless run and disappears without acknowledging its start.
        using (var port = new System.IO.Ports.SerialPort(pair.HostEnd))
        {
            port.Open();
            await using var link = new SerialLink(port.BaseStream, PtyLink);
            await link.SendAsync(new Hello(ProtocolLimits.Version, "crashing host"));
            Assert.IsType<HelloReply>(await link.ReceiveAsync());
            await link.SendAsync(new PutModel(sha, bytes.Length, 0, bytes));
            Assert.True(Assert.IsType<ModelStatus>(await link.ReceiveAsync()).Complete);
            await link.SendAsync(new RunWorkload(sha, int.MaxValue, 0, 1, 1, 1));
            Assert.Equal(MarkPhase.Start, Assert.IsType<Mark>(await link.ReceiveAsync()).Phase);
            port.Close();
        }

        await using var session = new BoardSession("serial", new SerialTransport(pair.HostEnd, options: PtyLink));
        Assert.Contains((await session.ConnectAsync()).Models, m => m.Sha256 == sha && m.Complete);
        Assert.Equal(sha, (await session.RunAsync(model, new RunSettings(Tokens: 4, Threads: 1))).Sha256);
        Assert.Empty(session.Failures);
    }

    [Fact]
    public async Task Bytes_dropped_and_damaged_on_the_line_are_resent_and_the_model_arrives_whole()
    {
        using var pair = new SerialPair();
        pair.StartAgent();
        var model = TinyModels.Write(pair.HostFile("m.qslm"));
        var sha = ModelHash.OfFile(model);
        FaultyLine? faulty = null;
        var transport = new SerialTransport(pair.HostEnd, options: PtyLink, wrapLine: port =>
        {
            faulty = new FaultyLine(port, new FaultyLine.Faults(DropRate: 5e-6, FlipRate: 5e-6, Seed: 21));
            return new DuplexStream(port, faulty);
        });
        await using var session = new BoardSession("serial", transport) { ChunkBytes = SerialLinkOptions.DefaultChunkBytes };
        var status = await session.PutModelAsync(model);

        Assert.True(status.Complete);
        Assert.Equal(sha, ModelHash.OfFile(Path.Combine(pair.AgentFolder, "models", sha + ".qslm")));
        Assert.True(faulty!.Dropped + faulty.Flipped > 0, "the faulty line injected no fault");
        Assert.True(transport.Link!.Retransmissions > 0);
        Assert.Empty(session.Failures); // the link recovered by itself: nothing reached the session
    }
}
