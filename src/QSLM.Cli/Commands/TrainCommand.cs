using System.CommandLine;
using QSLM.CommandLine;
using QSLM.Harness;
using QSLM.Model.Checkpoints;
using QSLM.Model.Training;
using static TorchSharp.torch;
using QSLM.Cli.Rendering;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm train lm|sst2</c>: seeded, resumable training of the reference models.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var command = new Command("train", "Train the reference SpikeGPT models (seeded; resumable from the run folder).");
        command.Subcommands.Add(CreateLm());
        command.Subcommands.Add(CreateSst2());
        return command;
    }

    private static Command CreateLm()
    {
        var layers = new Option<int>("--layers") { Description = "Number of SpikeGPT blocks.", DefaultValueFactory = _ => 6 }.InRange(1, 1024);
        var width = new Option<int>("--width") { Description = "Embedding width.", DefaultValueFactory = _ => 192 }.InRange(1, 65_536);
        var batch = new Option<int>("--batch") { Description = "Parallel streams per step.", DefaultValueFactory = _ => 16 }.InRange(1, 65_536);
        var length = new Option<int>("--length") { Description = "Tokens per step per stream (truncated BPTT length).", DefaultValueFactory = _ => 128 }.InRange(1, 1_000_000);
        var steps = new Option<int>("--steps") { Description = "Total optimizer steps (a resumed run may be extended).", DefaultValueFactory = _ => 2000 }.InRange(1, 100_000_000);
        var lr = new Option<double>("--lr") { Description = "Peak learning rate (Adam; warm-up then cosine decay).", DefaultValueFactory = _ => 6e-4 }.AboveZero(1.0);
        var seed = new Option<int>("--seed") { Description = "Seed of the initialisation.", DefaultValueFactory = _ => 1 };
        var runDir = new Option<string>("--run-dir") { Description = "Folder for the resumable run (model, optimizer, run.json).", DefaultValueFactory = _ => Path.Combine(RepositoryPaths.Runs, "lm") }.WritableFolder();
        var saveEvery = new Option<int>("--save-every") { Description = "Save (and validate) every N steps.", DefaultValueFactory = _ => 50 }.InRange(1, int.MaxValue);
        var data = new Option<string>("--data") { Description = "WikiText-2 folder.", DefaultValueFactory = _ => RepositoryPaths.WikiText };
        var output = new Option<string?>("--output") { Description = "When the run completes, also write the model here in fp16 (e.g. models/spikegpt-lm.safetensors)." }.WritableFile(createsFolder: true);

        var command = new Command("lm", "Train the SpikeGPT language model on WikiText-2.")
        {
            layers, width, batch, length, steps, lr, seed, runDir, saveEvery, data, output,
        };
        command.SetAction((parse, cancel) => Task.FromResult(CommandRunner.Run(parse, () =>
        {
            var requested = new TrainingRun
            {
                Task = "lm",
                Seed = parse.GetValue(seed),
                Layers = parse.GetValue(layers),
                Width = parse.GetValue(width),
                Batch = parse.GetValue(batch),
                Length = parse.GetValue(length),
                Steps = parse.GetValue(steps),
                LearningRate = parse.GetValue(lr),
            };
            var directory = parse.GetValue(runDir)!;
            var view = new TrainingProgressView(Terminal.Ansi, logEvery: 10);
            var trainer = new LmTrainer(parse.GetValue(data)!, directory, view);
            var run = view.Run("training", requested.Steps, TrainingRun.TryRead(directory)?.Step ?? 0,
                () => trainer.Train(requested, parse.GetValue(saveEvery), cancel));
            var destination = parse.GetValue(output);
            if (destination is not null && run.Step >= run.Steps)
            {
                using var model = SpikeGptCheckpoint.Load(TrainingCheckpoint.ModelPath(directory));
                SpikeGptCheckpoint.Save(model, destination, ScalarType.Float16);
                Terminal.WriteAnsiLine($"wrote {destination} (fp16)");
            }
            return CommandRunner.Success;
        })));
        return command;
    }

    private static Command CreateSst2()
    {
        var backbone = new Option<string>("--backbone") { Description = "Trained LM whose embedding and blocks initialise the classifier.", DefaultValueFactory = _ => RepositoryPaths.ReferenceLm };
        var batch = new Option<int>("--batch") { Description = "Sentences per step (all of one length).", DefaultValueFactory = _ => 32 }.InRange(1, 65_536);
        var steps = new Option<int>("--steps") { Description = "Total optimizer steps.", DefaultValueFactory = _ => 3000 }.InRange(1, 100_000_000);
        var lr = new Option<double>("--lr") { Description = "Peak learning rate.", DefaultValueFactory = _ => 3e-4 }.AboveZero(1.0);
        var seed = new Option<int>("--seed") { Description = "Seed of the head's initialisation and of the sentence order.", DefaultValueFactory = _ => 1 };
        var runDir = new Option<string>("--run-dir") { Description = "Folder for the resumable run.", DefaultValueFactory = _ => Path.Combine(RepositoryPaths.Runs, "sst2") }.WritableFolder();
        var saveEvery = new Option<int>("--save-every") { Description = "Save (and validate on SST-2 dev) every N steps.", DefaultValueFactory = _ => 250 }.InRange(1, int.MaxValue);
        var data = new Option<string>("--data") { Description = "SST-2 folder (train.tsv, dev.tsv).", DefaultValueFactory = _ => RepositoryPaths.Sst2 };
        var corpus = new Option<string>("--wikitext") { Description = "WikiText-2 folder (for the vocabulary).", DefaultValueFactory = _ => RepositoryPaths.WikiText };
        var dropout = new Option<double>("--dropout") { Description = "Dropout on the pooled sentence features while training.", DefaultValueFactory = _ => 0.1 }.InRange(0.0, 0.99);
        var holdout = new Option<int>("--holdout") { Description = "Whole training sentences (15 words or more) held out, by a seeded draw, to choose the kept checkpoint; their phrases leave training too. 0 keeps the final model.", DefaultValueFactory = _ => 1000 };
        var ema = new Option<double>("--ema") { Description = "Decay of the moving average of the weights that is evaluated, selected and kept (0 = none; 0.995 averages about the last 200 steps).", DefaultValueFactory = _ => 0.995 }.InRange(0.0, 0.999999);
        var wordDropout = new Option<double>("--word-dropout") { Description = "Probability that a training token is replaced by <unk> (Iyyer et al. 2015); 0 = none.", DefaultValueFactory = _ => 0 };
        var output = new Option<string?>("--output") { Description = "When the run completes, write the classifier here in fp16, without the embedding it shares with the LM (e.g. models/spikegpt-sst2.safetensors)." }.WritableFile(createsFolder: true);

        var command = new Command("sst2", "Fine-tune a SpikeGPT sentence classifier on SST-2 from a trained LM; the embedding stays frozen and shared with the LM.")
        {
            backbone, batch, steps, lr, seed, runDir, saveEvery, data, corpus, dropout, wordDropout, holdout, ema, output,
        };
        wordDropout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is < 0 or >= 1) result.AddError("--word-dropout must be at least 0 and below 1");
        });
        command.SetAction((parse, cancel) => Task.FromResult(CommandRunner.Run(parse, () =>
        {
            var directory = parse.GetValue(runDir)!;
            var requested = new TrainingRun
            {
                Task = "sst2",
                Seed = parse.GetValue(seed),
                Layers = 0,
                Width = 0,
                Batch = parse.GetValue(batch),
                Length = 0,
                Steps = parse.GetValue(steps),
                LearningRate = parse.GetValue(lr),
                Dropout = parse.GetValue(dropout),
                Holdout = parse.GetValue(holdout),
                Ema = parse.GetValue(ema),
                WordDropout = parse.GetValue(wordDropout),
            };
            var view = new TrainingProgressView(Terminal.Ansi, logEvery: 50);
            var trainer = new Sst2Trainer(parse.GetValue(corpus)!, parse.GetValue(data)!, parse.GetValue(backbone)!, directory, view);
            var run = view.Run("fine-tuning", requested.Steps, TrainingRun.TryRead(directory)?.Step ?? 0,
                () => trainer.Train(requested, parse.GetValue(saveEvery), cancel));
            var destination = parse.GetValue(output);
            if (destination is not null && run.Step >= run.Steps)
            {
                using var model = SpikeGptCheckpoint.Load(Sst2Trainer.FinalModelPath(directory));
                SpikeGptCheckpoint.Save(model, destination, ScalarType.Float16, new HashSet<string> { "emb.weight" });
                Terminal.WriteAnsiLine($"wrote {destination} (fp16, embedding shared with {parse.GetValue(backbone)})");
            }
            return CommandRunner.Success;
        })));
        return command;
    }
}
