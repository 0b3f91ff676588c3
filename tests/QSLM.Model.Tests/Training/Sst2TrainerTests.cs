using QSLM.Data;
using QSLM.Model.Checkpoints;
using QSLM.Model.Training;
using static TorchSharp.torch;

namespace QSLM.Model.Tests.Training;

public sealed class Sst2TrainerTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-sst2-");

    public void Dispose() => _temp.Dispose();

    private sealed class SilentObserver : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) { }
    }

    // 16-word sentences of the tiny corpus's words (long enough to be held out), labelled by their first word.
    private (string Corpus, string Sst2, string Backbone) Setup()
    {
        var corpus = TinyCorpus.Write(_temp.Path);
        var sst2 = Path.Combine(_temp.Path, "sst2");
        Directory.CreateDirectory(sst2);
        var rng = new Random(8);
        string Row()
        {
            var words = Enumerable.Range(0, 16).Select(_ => rng.Next(30)).ToList();
            return $"{string.Join(' ', words.Select(w => "w" + w))}\t{words[0] % 2}";
        }
        File.WriteAllLines(Path.Combine(sst2, "train.tsv"), ["sentence\tlabel", .. Enumerable.Range(0, 40).Select(_ => Row())]);
        File.WriteAllLines(Path.Combine(sst2, "dev.tsv"), ["sentence\tlabel", .. Enumerable.Range(0, 8).Select(_ => Row())]);
        random.manual_seed(2);
        using var lm = new SpikeGpt(new SpikeGptConfig(Layers: 1, Width: 8, VocabSize: Vocabulary.FromWikiText(corpus).Count));
        var backbone = Path.Combine(_temp.Path, "lm.safetensors");
        SpikeGptCheckpoint.Save(lm, backbone);
        return (corpus, sst2, backbone);
    }

    private static TrainingRun Run(int steps, int holdout) => new()
    {
        Task = "sst2", Seed = 5, Layers = 0, Width = 0, Batch = 4, Length = 0, Steps = steps, LearningRate = 1e-2,
        Dropout = 0.1, Holdout = holdout, Ema = 0.9,
    };

    [Fact]
    public void A_run_interrupted_and_resumed_keeps_the_same_model_and_weight_average_as_an_uninterrupted_run()
    {
        var (corpus, sst2, backbone) = Setup();
        var straight = Path.Combine(_temp.Path, "straight");
        var resumed = Path.Combine(_temp.Path, "resumed");
        new Sst2Trainer(corpus, sst2, backbone, straight, new SilentObserver()).Train(Run(6, holdout: 4), saveEvery: 3, CancellationToken.None);
        Assert.Equal(3, new Sst2Trainer(corpus, sst2, backbone, resumed, new SilentObserver()).Train(Run(3, holdout: 4), saveEvery: 3, CancellationToken.None).Step);
        Assert.Equal(6, new Sst2Trainer(corpus, sst2, backbone, resumed, new SilentObserver()).Train(Run(6, holdout: 4), saveEvery: 3, CancellationToken.None).Step);

        foreach (var file in new[] { TrainingCheckpoint.ModelPath(straight), WeightAverage.PathIn(straight), Sst2Trainer.FinalModelPath(straight) })
        {
            var a = CheckpointFile.Read(file);
            var b = CheckpointFile.Read(Path.Combine(resumed, Path.GetFileName(file)));
            foreach (var key in a.Keys) TensorAssert.Identical(a[key], b[key], $"{Path.GetFileName(file)} {key}");
        }
    }

    [Fact]
    public void Without_a_hold_out_the_kept_model_holds_the_averaged_weights_not_the_last_ones()
    {
        var (corpus, sst2, backbone) = Setup();
        var run = Path.Combine(_temp.Path, "run");
        new Sst2Trainer(corpus, sst2, backbone, run, new SilentObserver()).Train(Run(5, holdout: 0), saveEvery: 5, CancellationToken.None);

        var kept = CheckpointFile.Read(Sst2Trainer.FinalModelPath(run));
        var average = CheckpointFile.Read(WeightAverage.PathIn(run));
        var last = CheckpointFile.Read(TrainingCheckpoint.ModelPath(run));
        Assert.NotEqual(TrainingCheckpoint.ModelPath(run), Sst2Trainer.FinalModelPath(run));
        foreach (var (key, value) in average)
        {
            TensorAssert.Identical(value, kept[key], key);
        }
        Assert.False(allclose(kept["cls.weight"], last["cls.weight"]), "the kept head equals the last iterate");
        // The frozen embedding is shared with the LM, so it is never averaged.
        Assert.DoesNotContain("emb.weight", average.Keys);
    }
}
