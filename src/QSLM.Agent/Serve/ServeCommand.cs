using System.CommandLine;
using QSLM.Protocol;

namespace QSLM.Agent.Serve;

/// <summary><c>qslm-agent serve</c>: speaks the agent protocol on stdin/stdout (one JSON object per line)
/// inside one working folder. Diagnostics go to stderr so they never corrupt the protocol stream.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var root = new Option<string>("--root") { Description = "The only folder the agent reads or writes (models go to ROOT/models).", DefaultValueFactory = _ => Environment.CurrentDirectory };
        var maxMessage = new Option<int>("--max-message-bytes") { Description = "Largest protocol message accepted.", DefaultValueFactory = _ => ProtocolLimits.DefaultMaxMessageBytes };
        var maxModel = new Option<long>("--max-model-bytes") { Description = "Largest model accepted.", DefaultValueFactory = _ => ProtocolLimits.DefaultMaxModelBytes };
        var command = new Command("serve", "Serve the host's protocol on stdin/stdout: store models by SHA-256 (resumable, verified before use), run workloads with acknowledged start/stop marks, report results.")
        {
            root, maxMessage, maxModel,
        };
        command.SetAction(async (parse, _) =>
        {
            var messageCap = parse.GetValue(maxMessage);
            var modelCap = parse.GetValue(maxModel);
            if (messageCap < 1024) throw new ArgumentException("--max-message-bytes must be at least 1024");
            if (modelCap < 1) throw new ArgumentException("--max-model-bytes must be at least 1");
            var folder = new ConfinedFolder(parse.GetValue(root)!);
            await using var input = Console.OpenStandardInput();
            await using var output = Console.OpenStandardOutput();
            return await new AgentServer(input, output, folder, messageCap, modelCap, Console.Error).ServeAsync().ConfigureAwait(false);
        });
        return command;
    }
}
