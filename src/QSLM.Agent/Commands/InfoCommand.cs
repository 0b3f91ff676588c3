using System.CommandLine;
using System.Globalization;
using QSLM.Runtime.Inference;
using QSLM.Runtime.Kernels;

namespace QSLM.Agent.Commands;

/// <summary><c>qslm-agent info MODEL</c>: what the file holds and how this processor will run it.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "Packed model file (.qslm)." };
        var command = new Command("info", "Validate a packed model and print its architecture, formats and per-token weight traffic.") { model };
        command.SetAction(parse => AgentCommandRunner.Run(parse.GetValue(AgentOptions.Verbose), () =>
        {
            using var runtime = SpikeGptRuntime.Open(parse.GetValue(model)!, AgentOptions.Runtime(parse));
            Console.WriteLine(ModelLine(parse.GetValue(model)!, runtime));
            foreach (var group in runtime.Manifest.Tensors.GroupBy(t => t.Format).OrderBy(g => g.Key, StringComparer.Ordinal))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"format {QSLM.CommandLine.TerminalText.Printable(group.Key)}: {group.Count()} tensors, {group.Sum(t => t.Length):N0} bytes"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"weight bytes per token: {runtime.WeightBytesPerToken(runtime.HasLmHead):N0}"));
            Console.WriteLine($"processor: {KernelPaths.Describe()}");
            return AgentCommandRunner.Success;
        }));
        return command;
    }

    public static string ModelLine(string path, SpikeGptRuntime runtime) => string.Create(CultureInfo.InvariantCulture,
        $"model: {path}, {runtime.FileSize:N0} bytes, SpikeGPT L{runtime.Layers} C{runtime.Width} V{runtime.VocabSize}{(runtime.HasLmHead ? " +lm" : "")}{(runtime.ClassCount > 0 ? $" +cls{runtime.ClassCount}" : "")}");
}
