using System.IO.Pipes;
using System.Security.Cryptography;
using QSLM.Protocol.Messages;
using QSLM.Protocol.Serial;

namespace QSLM.Benchmarks.Deployment;

/// <summary>
/// The serial protocol's payload efficiency: model bytes over every byte both sides put on the line
/// (frames, CRCs, acks, the agent's status replies) while a model is put in chunks of
/// <see cref="SerialLinkOptions.DefaultChunkBytes"/>. Two <see cref="SerialLink"/>s joined by in-process
/// pipes on a clean line; bytes are counted by the streams, nothing is timed, so the figure is exact
/// and the same on any machine (the part of <c>qslm bench deploy</c> about serial boards).
/// </summary>
public static class SerialEfficiency
{
    /// <summary>Puts <paramref name="chunks"/> chunks of <paramref name="chunkBytes"/> random bytes through the link.</summary>
    public static async Task<SerialEfficiencyResult> MeasureAsync(int chunkBytes = SerialLinkOptions.DefaultChunkBytes, int chunks = 40, CancellationToken cancellationToken = default)
    {
        // Patient acks: a loaded machine must not cause a retransmission, which would count against the line.
        var options = new SerialLinkOptions { AckTimeout = TimeSpan.FromMinutes(5), BytesPerSecond = 50_000_000 };
        using var hostOut = new AnonymousPipeServerStream(PipeDirection.Out);
        using var agentOut = new AnonymousPipeServerStream(PipeDirection.Out);
        using var agentIn = new AnonymousPipeClientStream(PipeDirection.In, hostOut.ClientSafePipeHandle);
        using var hostIn = new AnonymousPipeClientStream(PipeDirection.In, agentOut.ClientSafePipeHandle);
        var hostLine = new DuplexStream(hostIn, hostOut);
        var agentLine = new DuplexStream(agentIn, agentOut);
        await using var host = new SerialLink(hostLine, options);
        await using var agent = new SerialLink(agentLine, options);
        var model = RandomNumberGenerator.GetBytes(chunks * chunkBytes);
        var sha = Convert.ToHexStringLower(SHA256.HashData(model));
        var serving = Task.Run(async () =>
        {
            long held = 0;
            while (await agent.ReceiveAsync(cancellationToken).ConfigureAwait(false) is PutModel put)
            {
                held += put.Data.Length;
                await agent.SendAsync(new ModelStatus(sha, held, held == model.Length), cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken);
        for (var offset = 0; offset < model.Length; offset += chunkBytes)
        {
            await host.SendAsync(new PutModel(sha, model.Length, offset, model[offset..(offset + chunkBytes)]), cancellationToken).ConfigureAwait(false);
            await host.ReceiveAsync(cancellationToken).ConfigureAwait(false);
        }
        var wire = hostLine.BytesWritten + agentLine.BytesWritten;
        await host.SendAsync(new Bye(), cancellationToken).ConfigureAwait(false);
        await serving.ConfigureAwait(false);
        return new SerialEfficiencyResult(chunkBytes, model.Length, wire, host.Retransmissions + agent.Retransmissions);
    }
}

/// <summary>What <see cref="SerialEfficiency"/> counted.</summary>
/// <param name="ChunkBytes">Model bytes per put-model chunk.</param>
/// <param name="PayloadBytes">Model bytes sent.</param>
/// <param name="WireBytes">Every byte both sides wrote to the line until the last status reply.</param>
/// <param name="Retransmissions">Frames sent again (0 on a clean line).</param>
public sealed record SerialEfficiencyResult(int ChunkBytes, long PayloadBytes, long WireBytes, long Retransmissions)
{
    /// <summary>Payload bytes over wire bytes (the serial target: at least 0.95).</summary>
    public double Efficiency => (double)PayloadBytes / WireBytes;
}
