using QSLM.Model.Training;
using static TorchSharp.torch;

namespace QSLM.Model.Tests.Training;

public class WordDropoutTests
{
    [Fact]
    public void Replaces_about_the_given_share_of_tokens_by_unk_and_keeps_the_rest()
    {
        using var ids = arange(1, 20_001, dtype: int64).reshape(100, 200);
        random.manual_seed(7);
        using var dropped = WordDropout.Apply(ids, 0.2, unknownId: 0);
        var replaced = (dropped == 0).sum().item<long>();
        Assert.InRange(replaced, 3_700, 4_300);
        Assert.True((dropped == ids).logical_or(dropped == 0).all().item<bool>());
    }

    [Fact]
    public void The_same_seed_drops_the_same_words()
    {
        using var ids = arange(1, 1_001, dtype: int64);
        random.manual_seed(11);
        using var first = WordDropout.Apply(ids, 0.3, unknownId: 0);
        random.manual_seed(11);
        using var second = WordDropout.Apply(ids, 0.3, unknownId: 0);
        Assert.True((first == second).all().item<bool>());
    }

    [Fact]
    public void Zero_leaves_the_tokens_alone()
    {
        using var ids = arange(1, 11, dtype: int64);
        Assert.Same(ids, WordDropout.Apply(ids, 0, unknownId: 0));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    public void A_probability_outside_zero_to_one_is_refused(double p)
    {
        using var ids = arange(1, 11, dtype: int64);
        Assert.Throws<ArgumentOutOfRangeException>(() => WordDropout.Apply(ids, p, unknownId: 0));
    }
}
