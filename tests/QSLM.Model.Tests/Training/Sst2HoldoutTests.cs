using QSLM.Data;
using QSLM.Errors;
using QSLM.Model.Training;

namespace QSLM.Model.Tests.Training;

public class Sst2HoldoutTests
{
    // A treebank in miniature: each sentence of 16 to 20 words and every run of words of it.
    private static List<Sst2Example> Treebank()
    {
        var rng = new Random(6);
        var examples = new List<Sst2Example>();
        for (var s = 0; s < 30; s++)
        {
            var words = Enumerable.Range(0, 16 + rng.Next(5)).Select(_ => "w" + rng.Next(200)).ToArray();
            var label = rng.Next(2);
            for (var start = 0; start < words.Length; start += 3)
            {
                for (var end = start + 1; end <= words.Length; end += 4)
                    examples.Add(new Sst2Example(string.Join(' ', words[start..end]) + " ", [], label));
            }
            examples.Add(new Sst2Example(string.Join(' ', words) + " ", [], label));
        }
        return examples;
    }

    private static string Padded(Sst2Example e) => " " + e.Text.Trim() + " ";

    [Fact]
    public void Held_out_examples_are_whole_sentences_and_no_training_example_overlaps_one()
    {
        var (train, held) = Sst2Holdout.Split(Treebank(), 5, seed: 1);
        Assert.Equal(5, held.Count);
        Assert.All(held, h => Assert.True(h.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= Sst2Holdout.MinimumWords));
        foreach (var t in train)
        {
            foreach (var h in held)
            {
                Assert.DoesNotContain(Padded(t), Padded(h));
                Assert.DoesNotContain(Padded(h), Padded(t));
            }
        }
        Assert.True(train.Count > 0);
    }

    [Fact]
    public void The_same_seed_holds_out_the_same_sentences_and_another_seed_others()
    {
        var all = Treebank();
        var first = Sst2Holdout.Split(all, 5, seed: 1).Holdout.Select(e => e.Text).ToList();
        Assert.Equal(first, Sst2Holdout.Split(all, 5, seed: 1).Holdout.Select(e => e.Text).ToList());
        Assert.NotEqual(first, Sst2Holdout.Split(all, 5, seed: 2).Holdout.Select(e => e.Text).ToList());
    }

    [Fact]
    public void No_hold_out_trains_on_everything()
    {
        var all = Treebank();
        var (train, held) = Sst2Holdout.Split(all, 0, seed: 1);
        Assert.Empty(held);
        Assert.Equal(all.Count, train.Count);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100_000)]
    public void A_hold_out_larger_than_half_the_long_examples_or_negative_is_refused(int count)
    {
        var e = Assert.Throws<InputException>(() => Sst2Holdout.Split(Treebank(), count, seed: 1));
        Assert.Contains("hold-out", e.Message);
    }
}
