using Microsoft.Extensions.Time.Testing;
using QSLM.Cli.Progress;
using QSLM.Search.Tiers;

namespace QSLM.Cli.Tests.Progress;

public sealed class SearchProgressTests
{
    private static Candidate Of(SearchTier tier) => new(1, tier, null!, 0, 0, 0, true);

    [Fact]
    public void The_bound_counts_every_stage_and_tightens_as_stages_end()
    {
        // 2 blocks, 4 modules, 3 precisions: 1 + 3 + (1 + 6) + (12 + 2 + 1) + 4 + 12 = 42 at most.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var progress = new SearchProgress(blocks: 2, modules: 4, menu: 3, clock);
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("2% (1 of at most 42 candidates), 10s so far, at most 6m50s left", progress.Add(Of(SearchTier.Baseline)));
        for (var i = 0; i < 3; i++) progress.Add(Of(SearchTier.Global));
        for (var i = 0; i < 7; i++) progress.Add(Of(SearchTier.Sensitivity));
        Assert.Equal(42, progress.Bound);

        // A block lowering that stops after 2 candidates leaves the module stages' bound.
        progress.Add(Of(SearchTier.Block));
        progress.Add(Of(SearchTier.Block));
        progress.Add(Of(SearchTier.Sensitivity));
        Assert.Equal(14, progress.Done);
        Assert.Equal(14 + 3 + 12, progress.Bound);
        progress.Add(Of(SearchTier.Module));
        Assert.Equal(15 + 11, progress.Bound);
    }
}
