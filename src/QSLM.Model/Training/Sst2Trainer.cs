using System.Diagnostics;
using QSLM.Data;
using QSLM.Errors;
using QSLM.Model.Checkpoints;
using QSLM.Model.Evaluation;
using static TorchSharp.torch;

namespace QSLM.Model.Training;

/// <summary>
/// Fine-tunes a SpikeGPT sentence classifier on SST-2 train from a trained language model: blocks
/// and <c>ln_out</c> start from the LM, the embedding stays frozen (so the classifier and the LM
/// share it), and a fresh <c>cls</c> head reads the mean of the final features. Batches hold
/// sentences of one length (no padding); their order is a function of seed and epoch, so a resumed
/// run sees the same sequence of batches. With a hold-out, a seeded draw of whole training sentences
/// is kept out of training (<see cref="Sst2Holdout"/>) and the checkpoint that classifies them best
/// is kept as the run's model;
/// otherwise the final model is. With a weight average, evaluation, selection and the kept model use
/// the averaged weights. SST-2 dev is only reported, never used to choose.
/// </summary>
public sealed class Sst2Trainer
{
    private const int WarmupSteps = 100;
    private const int Classes = 2;

    private readonly string _corpusDirectory;
    private readonly string _sst2Directory;
    private readonly string _backbone;
    private readonly string _runDirectory;
    private readonly IProgress<TrainingProgress> _progress;

    /// <summary>Creates a trainer.</summary>
    public Sst2Trainer(string corpusDirectory, string sst2Directory, string backbone, string runDirectory, IProgress<TrainingProgress> progress)
    {
        _corpusDirectory = corpusDirectory;
        _sst2Directory = sst2Directory;
        _backbone = backbone;
        _runDirectory = runDirectory;
        _progress = progress;
    }

    /// <summary>The model a finished run leaves behind: the checkpoint chosen on the hold-out when
    /// the run had one, else the final (averaged, when the run averaged) model.</summary>
    public static string FinalModelPath(string runDirectory)
    {
        var selected = SelectedModelPath(runDirectory);
        return File.Exists(selected) ? selected : TrainingCheckpoint.ModelPath(runDirectory);
    }

    private static string SelectedModelPath(string runDirectory) => Path.Combine(runDirectory, "selected.safetensors");

    /// <summary>Trains to <see cref="TrainingRun.Steps"/>, resuming when the run folder holds a run.</summary>
    public TrainingRun Train(TrainingRun requested, int saveEvery, CancellationToken cancel)
    {
        var run = TrainingRun.TryRead(_runDirectory) ?? requested;
        if (run.Step > 0) _progress.Report(new TrainingNote($"resuming {_runDirectory} at step {run.Step}/{run.Steps}"));
        if (requested.Steps > run.Steps) run = run with { Steps = requested.Steps };

        var vocabulary = Vocabulary.FromWikiText(_corpusDirectory);
        var (train, holdout, dev) = Sst2Holdout.Load(_sst2Directory, vocabulary, run.Holdout, run.Seed);
        var unknown = run.WordDropout == 0 ? -1L
            : vocabulary.TryGetId(Vocabulary.Unknown, out var unk) ? unk
            : throw new InputException($"word dropout needs {Vocabulary.Unknown} in the vocabulary of {_corpusDirectory}");

        random.manual_seed(run.Seed);
        var model = FromBackbone(_backbone);
        run = run with { Layers = model.Config.Layers, Width = model.Config.Width };
        model.Embedding.weight!.requires_grad = false;
        var trainable = model.parameters().Where(p => p.requires_grad).ToList();
        var optimizer = optim.Adam(trainable, run.LearningRate, beta1: 0.9, beta2: 0.99);
        if (run.Step > 0) TrainingCheckpoint.Restore(_runDirectory, model, optimizer);
        using var average = run.Ema > 0 ? new WeightAverage(model, run.Ema) : null;
        if (average is not null && run.Step > 0) average.Load(WeightAverage.PathIn(_runDirectory));

        var items = train.Select((e, i) => (e.Tokens, Index: i)).ToList();
        var epochBatches = LengthBatches.Of(items, run.Batch).ToList();
        var clock = Stopwatch.StartNew();
        var secondsBefore = run.Seconds;
        double lossSum = 0;
        var lossCount = 0;
        List<List<(long[] Tokens, int Index)>>? plan = null;
        var planEpoch = -1;

        while (run.Step < run.Steps && !cancel.IsCancellationRequested)
        {
            var epoch = run.Step / epochBatches.Count;
            if (epoch != planEpoch)
            {
                plan = epochBatches.ToList();
                new Random(Seeds.Derive(run.Seed, epoch)).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(plan));
                planEpoch = epoch;
            }
            var group = plan![run.Step % epochBatches.Count];
            model.train();
            var stepClock = Stopwatch.StartNew();
            double loss;
            using (var scope = NewDisposeScope())
            {
                // Dropout masks are a function of seed and step, so a resumed run draws the same ones.
                random.manual_seed(Seeds.Derive(run.Seed, Seeds.DropoutStream + run.Step));
                foreach (var g in optimizer.ParamGroups)
                    g.LearningRate = LearningRateSchedule.At(run.Step, run.Steps, run.LearningRate, WarmupSteps);
                var ids = tensor(group.SelectMany(g => g.Tokens).ToArray()).reshape(group.Count, group[0].Tokens.Length);
                var labels = tensor(group.Select(g => (long)train[g.Index].Label).ToArray());
                var (features, _) = model.Forward(WordDropout.Apply(ids, run.WordDropout, unknown));
                var lossTensor = nn.functional.cross_entropy(model.ClassLogits(features, run.Dropout), labels);
                optimizer.zero_grad();
                lossTensor.backward();
                nn.utils.clip_grad_norm_(trainable, 1.0);
                optimizer.step();
                loss = lossTensor.item<float>();
            }
            average?.Update(run.Step + 1);
            var tokens = group.Sum(g => (long)g.Tokens.Length);
            lossSum += loss;
            lossCount++;
            run = run with { Step = run.Step + 1, Tokens = run.Tokens + tokens, Seconds = secondsBefore + clock.Elapsed.TotalSeconds, Loss = loss };
            _progress.Report(new TrainingStep(run, loss, tokens / stepClock.Elapsed.TotalSeconds));

            if (run.Step % saveEvery == 0 || run.Step == run.Steps || cancel.IsCancellationRequested)
            {
                double accuracy;
                var selection = "";
                using (average?.Apply())
                {
                    accuracy = Sst2Evaluator.Evaluate(model, dev).Accuracy;
                    if (holdout.Count > 0)
                    {
                        var held = Sst2Evaluator.Evaluate(model, holdout).Accuracy;
                        selection = FormattableString.Invariant($", hold-out {held:P1}");
                        if (held > (run.BestValidation ?? -1))
                        {
                            SpikeGptCheckpoint.Save(model, SelectedModelPath(_runDirectory));
                            run = run with { BestValidation = held };
                            selection += " (selected)";
                        }
                    }
                    else if (average is not null && run.Step == run.Steps)
                    {
                        SpikeGptCheckpoint.Save(model, SelectedModelPath(_runDirectory));
                    }
                }
                average?.Save(WeightAverage.PathIn(_runDirectory));
                run = run with { Loss = lossSum / lossCount };
                lossSum = 0;
                lossCount = 0;
                TrainingCheckpoint.Save(_runDirectory, model, optimizer, run);
                _progress.Report(new TrainingNote(FormattableString.Invariant(
                    $"step {run.Step}/{run.Steps}: train loss {run.Loss:F3}{selection}, SST-2 dev accuracy {accuracy:P1} (reported only), saved {_runDirectory}")));
            }
        }
        return run;
    }

    /// <summary>A classifier whose embedding, blocks and <c>ln_out</c> come from the LM at <paramref name="path"/>.</summary>
    public static SpikeGpt FromBackbone(string path)
    {
        var tensors = CheckpointFile.Read(path);
        var lm = SpikeGptCheckpoint.InferConfig(tensors, path);
        var model = new SpikeGpt(lm with { HasLmHead = false, ClassCount = Classes });
        var shared = model.state_dict().Keys.Where(k => !k.StartsWith("cls.", StringComparison.Ordinal)).ToList();
        var missing = shared.Where(k => !tensors.ContainsKey(k)).ToList();
        if (missing.Count > 0) throw new InputException($"{path}: backbone lacks {string.Join(", ", missing)}");
        using var _ = no_grad();
        var target = model.state_dict();
        foreach (var key in shared) target[key].copy_(tensors[key].to(target[key].dtype));
        return model;
    }
}
