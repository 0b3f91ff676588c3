using System.Text;
using QSLM.Boards.Sessions;
using QSLM.Protocol;
using QSLM.Protocol.Framing;
using QSLM.Protocol.Messages;

namespace QSLM.Harness.Farms;

/// <summary>
/// A board's whole agent session for one model, written before the job runs, for a farm where QSLM cannot speak to
/// the agent while it works: hello, the scoring request, the timed run with an acknowledgement for each of its marks
/// (start and stop of every repeat, in the order the agent sends them), bye. The board pipes it into
/// <c>qslm-agent serve</c> (JSON Lines, docs/protocol.md) and hands back the agent's answers, which
/// <see cref="Read"/> takes apart; the requests are those the direct mode sends, so the answers mean the same.
/// </summary>
public static class AgentSessionScript
{
    /// <summary>The session's lines, each one protocol message.</summary>
    public static byte[] Write(string sha256, RunEvaluation evaluation, RunSettings run, string hostVersion)
    {
        var messages = new List<Message>
        {
            new Hello(ProtocolLimits.Version, hostVersion),
            evaluation with { Sha256 = sha256 },
            new RunWorkload(sha256, run.Tokens, run.Warmup, run.Repeats, run.Seed, run.Threads),
        };
        for (var r = 0; r < run.Repeats; r++)
        {
            messages.Add(new MarkAck(MarkPhase.Start, r));
            messages.Add(new MarkAck(MarkPhase.Stop, r));
        }
        messages.Add(new Bye());
        return Lines(messages);
    }

    /// <summary><paramref name="messages"/> as the agent reads them: one JSON message a line.</summary>
    public static byte[] Lines(IEnumerable<Message> messages)
    {
        var bytes = new MemoryStream();
        foreach (var message in messages)
        {
            bytes.Write(MessageCodec.Encode(message));
            bytes.WriteByte((byte)'\n');
        }
        return bytes.ToArray();
    }

    /// <summary>Every message of the agent's answers in order (lines that are not a message are passed over).</summary>
    public static IReadOnlyList<Message> Messages(byte[] answers)
    {
        var messages = new List<Message>();
        foreach (var line in Encoding.UTF8.GetString(answers).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                messages.Add(MessageCodec.Decode(Encoding.UTF8.GetBytes(line)));
            }
            catch (ProtocolException)
            {
                // A line the agent did not write as a message (a shell's noise in the log) says nothing.
            }
        }
        return messages;
    }

    /// <summary>The agent's answers to such a session: its hello, then the scoring's answer and the run's answer (each
    /// the result or the error it replied, null where the session ended first). Marks are passed over; an agent's
    /// error about an acknowledgement it did not wait for (its run failed before its marks) is not an answer.</summary>
    public static (HelloReply? Hello, Message? Evaluation, Message? Run) Read(byte[] answers)
    {
        HelloReply? hello = null;
        Message? evaluation = null, run = null;
        foreach (var message in Messages(answers))
        {
            switch (message)
            {
                case HelloReply reply when hello is null:
                    hello = reply;
                    break;
                case EvaluationResult or ErrorReply when hello is not null && evaluation is null:
                    evaluation = message;
                    break;
                case RunResult when run is null:
                case ErrorReply { Code: not ErrorCodes.OutOfSequence } when evaluation is not null && run is null:
                    run = message;
                    break;
            }
        }
        return (hello, evaluation, run);
    }
}
