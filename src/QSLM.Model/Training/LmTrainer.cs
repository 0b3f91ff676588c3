using System.Diagnostics;
using QSLM.Data;
using QSLM.Model.Evaluation;
using static TorchSharp.torch;

namespace QSLM.Model.Training;

/// <summary>
/// Trains a SpikeGPT language model on WikiText-2 with truncated back-propagation through time, the
/// way PyTorch's <c>word_language_model</c> does: the training stream cut into <c>Batch</c>
/// contiguous rows, read <c>Length</c> tokens at a time with the recurrent state carried (detached)
/// from one step to the next. Adam, gradient clipping at 1, warm-up then cosine decay.
/// </summary>
public sealed class LmTrainer
{
    private const int WarmupSteps = 100;
    private const int ValidationTokens = 20_000;

    private readonly string _corpusDirectory;
    private readonly string _runDirectory;
    private readonly IProgress<TrainingProgress> _progress;

    /// <summary>Creates a trainer reading WikiText-2 from <paramref name="corpusDirectory"/> and saving into <paramref name="runDirectory"/>.</summary>
    public LmTrainer(string corpusDirectory, string runDirectory, IProgress<TrainingProgress> progress)
    {
        _corpusDirectory = corpusDirectory;
        _runDirectory = runDirectory;
        _progress = progress;
    }

    /// <summary>Trains until <see cref="TrainingRun.Steps"/>, resuming from the run directory if it holds a run;
    /// saves every <paramref name="saveEvery"/> steps and when <paramref name="cancel"/> fires.</summary>
    public TrainingRun Train(TrainingRun requested, int saveEvery, CancellationToken cancel)
    {
        var run = TrainingRun.TryRead(_runDirectory) ?? requested;
        if (run.Step > 0) _progress.Report(new TrainingNote($"resuming {_runDirectory} at step {run.Step}/{run.Steps}"));
        if (requested.Steps > run.Steps) run = run with { Steps = requested.Steps };

        random.manual_seed(run.Seed);
        var vocabulary = Vocabulary.FromWikiText(_corpusDirectory);
        var train = WikiTextCorpus.Encode(_corpusDirectory, "train", vocabulary);
        var valid = WikiTextCorpus.Encode(_corpusDirectory, "valid", vocabulary).Take(ValidationTokens).ToArray();
        var eos = vocabulary.IdOrUnknown(Vocabulary.EndOfSentence);

        var model = new SpikeGpt(new SpikeGptConfig(run.Layers, run.Width, vocabulary.Count));
        var optimizer = optim.Adam(model.parameters(), run.LearningRate, beta1: 0.9, beta2: 0.99);
        SpikeGptState? state = null;
        if (run.Step > 0)
        {
            TrainingCheckpoint.Restore(_runDirectory, model, optimizer);
            state = TrainingCheckpoint.RestoreState(_runDirectory, model.Config);
        }

        var columns = train.Length / run.Batch;
        var data = tensor(train.Take(columns * run.Batch).ToArray()).reshape(run.Batch, columns);
        var stepsPerEpoch = (columns - 1) / run.Length;
        var clock = Stopwatch.StartNew();
        var secondsBefore = run.Seconds;
        double lossSum = 0;
        var lossCount = 0;

        while (run.Step < run.Steps && !cancel.IsCancellationRequested)
        {
            model.train();
            var position = run.Step % stepsPerEpoch * run.Length;
            if (position == 0 || state is null)
            {
                state?.Dispose();
                state = model.InitialState(run.Batch);
            }
            var stepClock = Stopwatch.StartNew();
            double loss;
            using (var scope = NewDisposeScope())
            {
                foreach (var group in optimizer.ParamGroups)
                    group.LearningRate = LearningRateSchedule.At(run.Step, run.Steps, run.LearningRate, WarmupSteps);
                var inputs = data.narrow(1, position, run.Length);
                var targets = data.narrow(1, position + 1, run.Length);
                var (features, next) = model.Forward(inputs, state);
                var logits = model.LmLogits(features);
                var lossTensor = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[^1]), targets.reshape(-1));
                optimizer.zero_grad();
                lossTensor.backward();
                nn.utils.clip_grad_norm_(model.parameters(), 1.0);
                optimizer.step();
                loss = lossTensor.item<float>();
                var detached = next.Detach();
                detached.MoveToOuterDisposeScope();
                state.Dispose();
                state = detached;
            }
            var tokens = (long)run.Batch * run.Length;
            lossSum += loss;
            lossCount++;
            run = run with
            {
                Step = run.Step + 1,
                Tokens = run.Tokens + tokens,
                Seconds = secondsBefore + clock.Elapsed.TotalSeconds,
                Loss = loss,
            };
            _progress.Report(new TrainingStep(run, loss, tokens / stepClock.Elapsed.TotalSeconds));

            if (run.Step % saveEvery == 0 || run.Step == run.Steps || cancel.IsCancellationRequested)
            {
                var validation = PerplexityEvaluator.Evaluate(model, valid, eos);
                run = run with { Loss = lossSum / lossCount, BestValidation = Math.Min(run.BestValidation ?? double.MaxValue, validation.Perplexity) };
                lossSum = 0;
                lossCount = 0;
                TrainingCheckpoint.Save(_runDirectory, model, optimizer, run, state);
                _progress.Report(new TrainingNote(FormattableString.Invariant(
                    $"step {run.Step}/{run.Steps}: train loss {run.Loss:F3}, valid ppl {validation.Perplexity:F1} (first {valid.Length:N0} tokens), saved {_runDirectory}")));
            }
        }
        return run;
    }
}
