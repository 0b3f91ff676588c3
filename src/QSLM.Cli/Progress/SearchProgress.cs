using QSLM.Search.Tiers;

namespace QSLM.Cli.Progress;

/// <summary>
/// How far a tiered search has come: the candidates so far against an upper bound of all it will
/// evaluate, which tightens as its stages end, and the time left at most at the rate so far. The
/// exact count is not known in advance (the greedy lowering stops when no move helps), but each
/// stage's is bounded: a lowering evaluates each (unit, lower precision) pair at most once.
/// </summary>
internal sealed class SearchProgress
{
    // Stages in the order TieredSearch runs them.
    private const int Baseline = 0, Global = 1, BlockSensitivity = 2, BlockLowering = 3, ModuleSensitivity = 4, ModuleLowering = 5;

    private readonly long[] _bound;
    private readonly long[] _done = new long[6];
    private readonly TimeProvider _clock;
    private readonly DateTimeOffset _start;
    private int _stage;

    /// <param name="blocks">Searchable blocks.</param>
    /// <param name="modules">Searchable modules.</param>
    /// <param name="menu">Precisions on the menu.</param>
    /// <param name="clock">The clock that times the search.</param>
    public SearchProgress(int blocks, int modules, int menu, TimeProvider clock)
    {
        long b = blocks, m = modules, f = menu;
        _bound =
        [
            1,
            f,
            1 + b * f,
            // Two lowerings from the block start (the second from one step lower everywhere, raised block by block).
            2 * b * f + b + 1,
            m,
            m * f,
        ];
        _clock = clock;
        _start = clock.GetUtcNow();
    }

    /// <summary>Candidates counted so far.</summary>
    public long Done => _done.Sum();

    /// <summary>The most candidates the search can still come to, counting those done.</summary>
    public long Bound => Done + Enumerable.Range(_stage, _bound.Length - _stage).Sum(s => Math.Max(0, _bound[s] - _done[s]));

    /// <summary>Counts <paramref name="candidate"/> and returns the progress to print beside it.</summary>
    public string Add(Candidate candidate)
    {
        var stage = candidate.Tier switch
        {
            SearchTier.Baseline => Baseline,
            // The uniform candidate one step lower belongs to the block lowering.
            SearchTier.Global => _stage >= BlockLowering ? BlockLowering : Global,
            SearchTier.Sensitivity => _stage >= BlockLowering ? ModuleSensitivity : BlockSensitivity,
            SearchTier.Block => BlockLowering,
            _ => ModuleLowering,
        };
        _stage = Math.Max(_stage, stage);
        _done[stage]++;
        return ProgressReporter.Describe(Done, Bound, upperBound: true, _clock.GetUtcNow() - _start, "candidates");
    }
}
