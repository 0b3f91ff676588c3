using QSLM.Model.Checkpoints;
using QSLM.Model.Training;

namespace QSLM.Model.Tests.Training;

public sealed class LmTrainerTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-train-");

    private string _dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    private sealed class SilentObserver : IProgress<TrainingProgress>
    {
        public List<double> Losses { get; } = [];

        public void Report(TrainingProgress value)
        {
            if (value is TrainingStep step) Losses.Add(step.Loss);
        }
    }

    private string TinyCorpus() => Training.TinyCorpus.Write(_dir);

    private static TrainingRun Run(int steps) => new()
    {
        Task = "lm", Seed = 5, Layers = 1, Width = 8, Batch = 2, Length = 8, Steps = steps, LearningRate = 1e-2,
    };

    [Fact]
    public void A_run_interrupted_and_resumed_ends_with_the_same_weights_as_an_uninterrupted_run()
    {
        var corpus = TinyCorpus();
        var straight = Path.Combine(_dir, "straight");
        var resumed = Path.Combine(_dir, "resumed");
        new LmTrainer(corpus, straight, new SilentObserver()).Train(Run(6), saveEvery: 3, CancellationToken.None);
        var first = new LmTrainer(corpus, resumed, new SilentObserver()).Train(Run(3), saveEvery: 3, CancellationToken.None);
        Assert.Equal(3, first.Step);
        var second = new LmTrainer(corpus, resumed, new SilentObserver()).Train(Run(6), saveEvery: 3, CancellationToken.None);
        Assert.Equal(6, second.Step);

        var a = CheckpointFile.Read(TrainingCheckpoint.ModelPath(straight));
        var b = CheckpointFile.Read(TrainingCheckpoint.ModelPath(resumed));
        foreach (var key in a.Keys) TensorAssert.Identical(a[key], b[key], key);
    }

    [Fact]
    public void Training_lowers_the_loss_on_a_tiny_corpus()
    {
        var observer = new SilentObserver();
        new LmTrainer(TinyCorpus(), Path.Combine(_dir, "run"), observer).Train(Run(40) with { Width = 16 }, saveEvery: 40, CancellationToken.None);
        Assert.True(observer.Losses.Skip(30).Average() < observer.Losses.Take(5).Average() - 1.0,
            $"loss went from {observer.Losses.Take(5).Average():F3} to {observer.Losses.Skip(30).Average():F3}");
    }
}

public class LearningRateScheduleTests
{
    [Fact]
    public void Warms_up_linearly_then_decays_to_a_tenth()
    {
        Assert.Equal(0.1, LearningRateSchedule.At(0, 1000, 1.0, 10), 9);
        Assert.Equal(1.0, LearningRateSchedule.At(9, 1000, 1.0, 10), 9);
        Assert.Equal(1.0, LearningRateSchedule.At(10, 1000, 1.0, 10), 9);
        Assert.Equal(0.55, LearningRateSchedule.At(505, 1000, 1.0, 10), 9);
        Assert.Equal(0.1, LearningRateSchedule.At(1000, 1000, 1.0, 10), 9);
    }
}
