using QSLM.Search.HostEvaluation;
using QSLM.Search.Synthetic;
using QSLM.Search.Tiers;

namespace QSLM.Search.Tests.HostEvaluation;

public sealed class EvaluationCacheTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-evaluation-cache-");

    public void Dispose() => _temp.Dispose();

    private string CachePath => _temp.File("cache.csv");

    [Fact]
    public async Task Two_caches_of_one_file_in_one_process_keep_every_row()
    {
        var candidates = CacheCandidates.All.Take(40).ToList();
        using (var a = new EvaluationCache(CachePath, new SyntheticEvaluator(CacheCandidates.Hierarchy)))
        using (var b = new EvaluationCache(CachePath, new SyntheticEvaluator(CacheCandidates.Hierarchy)))
        {
            for (var i = 0; i < candidates.Count; i += 2)
            {
                await a.EvaluateAsync(candidates[i], CancellationToken.None);
                await b.EvaluateAsync(candidates[i + 1], CancellationToken.None);
            }
        }

        await AssertEveryRowReadsBack(candidates);
    }

    [Fact]
    public async Task Two_caches_of_one_file_answer_each_others_evaluations_as_equal_candidate_and_sensitivity_slices_do()
    {
        var candidate = CacheCandidates.All[0];
        var second = new SyntheticEvaluator(CacheCandidates.Hierarchy);
        using var a = new EvaluationCache(CachePath, new SyntheticEvaluator(CacheCandidates.Hierarchy));
        using var b = new EvaluationCache(CachePath, second);

        var evaluated = await a.EvaluateAsync(candidate, CancellationToken.None);

        Assert.Equal(evaluated, await b.EvaluateAsync(candidate, CancellationToken.None));
        Assert.Equal(1, b.Hits);
        Assert.Equal(0, second.Calls);
    }

    [Fact]
    public async Task Two_processes_appending_to_one_cache_file_at_once_keep_every_row()
    {
        const int each = 40;
        var first = ChildProcessEntry.StartReady("append-cache", CachePath, "0", each.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var second = ChildProcessEntry.StartReady("append-cache", CachePath, each.ToString(System.Globalization.CultureInfo.InvariantCulture), each.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Task.WhenAll(new[] { first, second }.Select(c => Task.Run(() => ChildProcessEntry.Go(c))));

        await AssertEveryRowReadsBack(CacheCandidates.All.Take(2 * each).ToList());
    }

    [Fact]
    public async Task A_torn_line_and_a_garbage_line_are_reported_dropped_and_the_file_rewritten_without_them()
    {
        var (kept1, kept2, torn) = (CacheCandidates.All[0], CacheCandidates.All[1], CacheCandidates.All[2]);
        File.WriteAllText(CachePath,
            "precisions,metric,bytes\n"
            + $"{kept1.Compact},0.75,1000\n"
            + $"132360{kept2.Compact[..8]},0.5\n" // two writers' bytes in one line
            + $"{kept2.Compact},0.625,2000\n"
            + $"{torn.Compact},0.5"); // a writer killed in the middle of its line
        var warnings = new List<string>();
        var inner = new SyntheticEvaluator(CacheCandidates.Hierarchy);

        using (var cache = new EvaluationCache(CachePath, inner, warnings.Add))
        {
            Assert.Equal(new Evaluation(0.75, 1000), await cache.EvaluateAsync(kept1, CancellationToken.None));
            Assert.Equal(new Evaluation(0.625, 2000), await cache.EvaluateAsync(kept2, CancellationToken.None));
            Assert.Equal(0, inner.Calls);
        }

        Assert.Equal(2, warnings.Count);
        Assert.Contains($"{CachePath}, line 3: ", warnings[0]);
        Assert.Contains($"{CachePath}, line 5: torn", warnings[1]);
        Assert.Equal(["precisions,metric,bytes", $"{kept1.Compact},0.75,1000", $"{kept2.Compact},0.625,2000", ""], File.ReadAllText(CachePath).Split('\n'));
        using (new EvaluationCache(CachePath, inner, warnings.Add)) { }
        Assert.Equal(2, warnings.Count);
    }

    [Fact]
    public async Task A_file_that_is_not_a_cache_is_reported_and_started_afresh_instead_of_ending_the_search()
    {
        File.WriteAllText(CachePath, "\0\0\0garbage\n\x01\x02\n");
        var warnings = new List<string>();
        var inner = new SyntheticEvaluator(CacheCandidates.Hierarchy);

        using (var cache = new EvaluationCache(CachePath, inner, warnings.Add)) await cache.EvaluateAsync(CacheCandidates.All[0], CancellationToken.None);

        Assert.Equal(2, warnings.Count);
        Assert.Equal(1, inner.Calls);
        await AssertEveryRowReadsBack([CacheCandidates.All[0]]);
    }

    [Fact]
    public void A_lock_held_by_another_process_keeps_this_one_out_until_it_is_released()
    {
        var lockPath = _temp.File("cache.csv.lock");
        var holder = ChildProcessEntry.StartReady("hold-lock", lockPath);

        Assert.Throws<IOException>(() => ExclusiveFileLock.Acquire(lockPath, TimeSpan.FromMilliseconds(200)));
        ChildProcessEntry.Go(holder);
        using (ExclusiveFileLock.Acquire(lockPath, TimeSpan.FromSeconds(60))) { }
    }

    private async Task AssertEveryRowReadsBack(IReadOnlyList<QSLM.Search.Hierarchy.Precisions> candidates)
    {
        var warnings = new List<string>();
        var inner = new SyntheticEvaluator(CacheCandidates.Hierarchy);
        using var reread = new EvaluationCache(CachePath, inner, warnings.Add);
        foreach (var c in candidates) Assert.Equal(new SyntheticEvaluator(CacheCandidates.Hierarchy).Evaluate(c), await reread.EvaluateAsync(c, CancellationToken.None));
        Assert.Equal(0, inner.Calls);
        Assert.Empty(warnings);
        Assert.Equal(candidates.Count + 2, File.ReadAllText(CachePath).Split('\n').Length);
    }
}
