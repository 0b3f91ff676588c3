using System.Threading.Channels;
using QSLM.Protocol;
using QSLM.Protocol.Framing;
using QSLM.Protocol.Messages;

namespace QSLM.Agent.Serve;

/// <summary>
/// One JSON object per line over a reliable stream pair (stdin/stdout, an SSH exec channel). Input is
/// read ahead on its own task so that the end of input is seen even while a run keeps the agent
/// busy: an SSH connection that drops or a host that dies then stops the run.
/// </summary>
internal sealed class JsonLinesPort : IMessagePort
{
    private readonly JsonLineWriter _writer;
    private readonly Channel<object> _inbox = Channel.CreateUnbounded<object>();
    private readonly CancellationTokenSource _hostGone = new();

    public JsonLinesPort(Stream input, Stream output, int maxMessageBytes)
    {
        _writer = new JsonLineWriter(output, maxMessageBytes);
        _ = Task.Run(() => PumpAsync(new JsonLineReader(input, maxMessageBytes)));
    }

    public CancellationToken HostGone => _hostGone.Token;

    public async Task<Message?> ReceiveAsync()
    {
        if (!await _inbox.Reader.WaitToReadAsync().ConfigureAwait(false)) return null;
        return await _inbox.Reader.ReadAsync().ConfigureAwait(false) switch
        {
            Message message => message,
            ProtocolException refused => throw new ProtocolException(refused.Code, refused.Message, refused),
            Exception broken => throw new IOException("reading the host's input failed: " + broken.Message, broken),
            _ => null,
        };
    }

    public Task SendAsync(Message message) => _writer.WriteAsync(message);

    private async Task PumpAsync(JsonLineReader reader)
    {
        try
        {
            while (true)
            {
                try
                {
                    if (await reader.ReadAsync().ConfigureAwait(false) is not { } message) break;
                    await _inbox.Writer.WriteAsync(message).ConfigureAwait(false);
                }
                catch (ProtocolException e)
                {
                    await _inbox.Writer.WriteAsync(e).ConfigureAwait(false);
                }
            }
        }
        catch (IOException e)
        {
            await _inbox.Writer.WriteAsync(e).ConfigureAwait(false);
        }
        finally
        {
            _inbox.Writer.TryComplete();
            await _hostGone.CancelAsync().ConfigureAwait(false);
        }
    }
}
