using QSLM.Model.Training;

namespace QSLM.Model.Tests.Training;

public class SeedsTests
{
    [Fact]
    public void Derived_seeds_are_splitmix64_and_so_the_same_in_every_process()
    {
        // SplitMix64 seeded with 0 first returns 0xE220A8397B1DCDAF (Steele et al., 2014); a seed
        // from HashCode would differ from one process to the next.
        Assert.Equal(0x7B1DCDAF, Seeds.Derive(0, 0));
    }

    [Fact]
    public void Streams_of_one_seed_and_one_stream_of_neighbouring_seeds_differ()
    {
        var seeds = new[] { Seeds.Derive(1, 0), Seeds.Derive(1, 1), Seeds.Derive(2, 0), Seeds.Derive(1, Seeds.HoldoutStream), Seeds.Derive(1, Seeds.DropoutStream) };
        Assert.Equal(seeds.Length, seeds.Distinct().Count());
        Assert.All(seeds, s => Assert.True(s >= 0));
    }
}
