using QSLM.Protocol.Framing;
using QSLM.Protocol.Messages;

namespace QSLM.Agent.Serve;

/// <summary>One JSON object per line over a reliable stream pair (stdin/stdout, an SSH exec channel).</summary>
internal sealed class JsonLinesPort(Stream input, Stream output, int maxMessageBytes) : IMessagePort
{
    private readonly JsonLineReader _reader = new(input, maxMessageBytes);
    private readonly JsonLineWriter _writer = new(output, maxMessageBytes);

    public Task<Message?> ReceiveAsync() => _reader.ReadAsync();

    public Task SendAsync(Message message) => _writer.WriteAsync(message);
}
