using System.CommandLine;
using System.Globalization;
using QSLM.Cli.Rendering;
using QSLM.CommandLine;
using QSLM.Errors;
using QSLM.Sensors.Estimation;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm power estimate MODEL.qslm</c>: energy per token from counted operations, labelled estimated.</summary>
internal static class PowerEstimateCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "Packed model file (.qslm)." }.NotAFolder();
        var tokens = new Option<int>("--tokens") { Description = "Tokens of a seeded stream to run and count.", DefaultValueFactory = _ => 256 }.InRange(1, 10_000_000);
        var seed = new Option<int>("--seed") { Description = "Seed of the token stream.", DefaultValueFactory = _ => 1 };
        var command = new Command("estimate", "Energy per token for a board with no sensor: run a packed model on the board runtime, count accumulates, multiply-accumulates and weight bytes, and price them (Horowitz, ISSCC 2014, 45 nm). Always labelled estimated.")
        {
            model, tokens, seed,
        };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var count = parse.GetValue(tokens);
            if (count < 1) throw new InputException("--tokens must be at least 1");
            using var runtime = QSLM.Runtime.Inference.SpikeGptRuntime.Open(parse.GetValue(model)!);
            var random = new Random(parse.GetValue(seed));
            var state = runtime.NewState();
            var features = new float[runtime.Width];
            var logits = new float[runtime.HasLmHead ? runtime.VocabSize : 0];
            runtime.ResetCounts();
            for (var i = 0; i < count; i++)
            {
                runtime.Step(random.Next(runtime.VocabSize), state, features);
                if (runtime.HasLmHead) runtime.Logits(features, logits);
            }
            var counts = runtime.Counts;
            var estimate = EnergyEstimator.Estimate(new OperationTally(counts.Tokens, counts.MultiplyAccumulates, counts.Accumulates, runtime.WeightBytesPerToken(runtime.HasLmHead),
                counts.IntegerMultiplyAccumulates, counts.IntegerGroupScalings));
            Terminal.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{counts.Tokens} tokens: {counts.MultiplyAccumulates / (double)counts.Tokens:N0} MACs ({counts.IntegerMultiplyAccumulates / (double)counts.Tokens:N0} of them integer), {counts.Accumulates / (double)counts.Tokens:N0} ACs, {runtime.WeightBytesPerToken(runtime.HasLmHead):N0} weight bytes per token"));
            Terminal.WriteLine(estimate.Summary());
            return CommandRunner.Success;
        }, usesTorch: false));
        return command;
    }
}
