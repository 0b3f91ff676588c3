using System.CommandLine;
using System.Diagnostics;
using QSLM.CommandLine;
using QSLM.Errors;
using QSLM.Runtime.Inference;

namespace QSLM.Agent.Commands;

/// <summary><c>qslm-agent run MODEL --tokens N</c>: a fixed, seeded token stream for timing and memory.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "Packed model file (.qslm)." };
        var tokens = new Option<int>("--tokens") { Description = "Tokens to run (timed).", DefaultValueFactory = _ => 256 }.InRange(1, 100_000_000);
        var warmup = new Option<int>("--warmup") { Description = "Tokens run first, untimed (JIT, page cache).", DefaultValueFactory = _ => 16 }.InRange(0, 100_000_000);
        var seed = new Option<int>("--seed") { Description = "Seed of the token stream.", DefaultValueFactory = _ => 1 };
        var command = new Command("run", "Run a seeded stream of token ids through a packed model (logits too when it has an LM head) and report speed, operations, spikes and peak memory.")
        {
            model, tokens, warmup, seed,
        };
        command.SetAction(parse => AgentCommandRunner.Run(parse.GetValue(AgentOptions.Verbose), () =>
        {
            var count = parse.GetValue(tokens);
            var warm = parse.GetValue(warmup);
            if (count < 1) throw new InputException("--tokens must be at least 1");
            if (warm < 0) throw new InputException("--warmup must not be negative");
            var path = parse.GetValue(model)!;
            using var runtime = SpikeGptRuntime.Open(path, AgentOptions.Runtime(parse));
            Console.WriteLine(InfoCommand.ModelLine(path, runtime));
            var random = new Random(parse.GetValue(seed));
            var state = runtime.NewState();
            var features = new float[runtime.Width];
            var logits = new float[runtime.HasLmHead ? runtime.VocabSize : 0];
            void Token()
            {
                runtime.Step(random.Next(runtime.VocabSize), state, features);
                if (runtime.HasLmHead) runtime.Logits(features, logits);
            }
            for (var i = 0; i < warm; i++) Token();
            runtime.ResetCounts();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < count; i++) Token();
            RunReport.Print(runtime, clock.Elapsed);
            return AgentCommandRunner.Success;
        }));
        return command;
    }
}
