using QSLM.Errors;
using QSLM.Model.Training;
using static TorchSharp.torch;

namespace QSLM.Model.Tests.Training;

public sealed class WeightAverageTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-average-");

    public void Dispose() => _temp.Dispose();

    private static SpikeGpt Tiny()
    {
        random.manual_seed(4);
        return new SpikeGpt(new SpikeGptConfig(Layers: 1, Width: 8, VocabSize: 12, HasLmHead: false, ClassCount: 2));
    }

    private static Tensor Weight(SpikeGpt model) => model.named_parameters().First(p => p.name == "cls.weight").parameter;

    private static void AddToEveryTrainableWeight(SpikeGpt model, double amount)
    {
        using var _ = no_grad();
        foreach (var p in model.parameters().Where(p => p.requires_grad)) p.add_(amount);
    }

    [Fact]
    public void An_update_moves_the_average_toward_the_weights_by_one_minus_the_decay()
    {
        using var model = Tiny();
        var start = Weight(model).clone();
        using var average = new WeightAverage(model, decay: 0.5);
        AddToEveryTrainableWeight(model, 1.0);
        // At step 100 the warm-up limit (101/110) is above 0.5, so the decay itself applies.
        average.Update(step: 100);
        using (average.Apply())
        {
            Assert.True(allclose(Weight(model), start + 0.5, rtol: 0, atol: 1e-6));
        }
        Assert.True(allclose(Weight(model), start + 1.0, rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void Early_updates_follow_the_weights_closely_while_the_decay_warms_up()
    {
        using var model = Tiny();
        var start = Weight(model).clone();
        using var average = new WeightAverage(model, decay: 0.999);
        AddToEveryTrainableWeight(model, 1.0);
        average.Update(step: 1);
        using (average.Apply())
        {
            // decay = min(0.999, 2/11): the average moves 9/11 of the way.
            Assert.True(allclose(Weight(model), start + 9.0 / 11, rtol: 0, atol: 1e-6));
        }
    }

    [Fact]
    public void A_saved_average_is_restored_exactly_into_a_fresh_run()
    {
        using var model = Tiny();
        var path = WeightAverage.PathIn(_temp.Path);
        Tensor expected;
        using (var average = new WeightAverage(model, decay: 0.9))
        {
            AddToEveryTrainableWeight(model, 0.25);
            average.Update(step: 50);
            average.Save(path);
            using (average.Apply()) expected = Weight(model).clone();
        }
        using var resumed = new WeightAverage(model, decay: 0.9);
        resumed.Load(path);
        using (resumed.Apply())
        {
            Assert.True(allclose(Weight(model), expected, rtol: 0, atol: 0));
        }
    }

    [Fact]
    public void A_frozen_weight_is_not_averaged()
    {
        using var model = Tiny();
        model.Embedding.weight!.requires_grad = false;
        var path = WeightAverage.PathIn(_temp.Path);
        using var average = new WeightAverage(model, decay: 0.9);
        average.Save(path);
        Assert.DoesNotContain("emb.weight", QSLM.Model.Checkpoints.CheckpointFile.Read(path).Keys);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void A_decay_outside_zero_to_one_is_refused(double decay)
    {
        using var model = Tiny();
        Assert.Throws<InputException>(() => new WeightAverage(model, decay));
    }
}
