using System.Globalization;
using QSLM.Harness.Power;
using QSLM.Sensors.Statistics;

namespace QSLM.Harness.Claims;

/// <summary>
/// The candidate's relative difference from the baseline in net energy per token (candidate/baseline − 1), one value
/// per repeat from the pair measured in it, with its 95% interval by Student's t over the pairs, and the claim judged
/// by the rule <c>power compare --claim</c> uses (<see cref="Comparison.JudgeClaim"/>). Pairing cancels what drifts
/// between repeats (temperature, supply); the interval is of the mean of the paired differences.
/// </summary>
/// <param name="Claim">The claimed difference (−0.2: at least 20% less).</param>
/// <param name="Differences">Each pair's difference, in repeat order.</param>
/// <param name="Mean">Their mean.</param>
/// <param name="StandardDeviation">Their sample standard deviation (0 for one pair).</param>
/// <param name="Low">Lower end of the 95% interval.</param>
/// <param name="High">Upper end.</param>
/// <param name="Outcome">The claim's verdict.</param>
/// <param name="PairsToDecide">When inconclusive: the fewest pairs that would decide it with 90% probability at the observed mean and
/// variance (<see cref="PairsNeeded"/>); null otherwise, or when out of reach (<see cref="OutOfReach"/>).</param>
public sealed record ClaimInterval(double Claim, IReadOnlyList<double> Differences, double Mean, double StandardDeviation, double Low, double High, ClaimOutcome Outcome, int? PairsToDecide)
{
    /// <summary>The most pairs <see cref="PairsNeeded"/> looks for: beyond it, a claim is out of reach of any bench's patience.</summary>
    public const int MaxPairs = 100_000;

    /// <summary>Paired repeats the interval rests on.</summary>
    public int Pairs => Differences.Count;

    /// <summary>Degrees of freedom of its t quantile.</summary>
    public int DegreesOfFreedom => Pairs - 1;

    /// <summary>Whether more pairs could not decide an inconclusive claim (the observed mean sits on the claim, or only
    /// more than <see cref="MaxPairs"/> pairs would).</summary>
    public bool OutOfReach => Outcome == ClaimOutcome.Inconclusive && PairsToDecide is null;

    /// <summary>How the interval was computed, in words.</summary>
    public string Method => string.Create(CultureInfo.InvariantCulture,
        $"Student's t over {Pairs} paired repeats (n = {Pairs}, df = {DegreesOfFreedom}, t(0.975) = {(Pairs > 1 ? StudentInterval.Quantile975(DegreesOfFreedom) : double.NaN):0.###}) of candidate/baseline − 1 in net energy per token");

    /// <summary>The interval of <paramref name="result"/>'s kept pairs.</summary>
    /// <exception cref="InvalidOperationException">Fewer than two pairs: no interval.</exception>
    public static ClaimInterval Of(LabResult result, double claim)
    {
        var pairs = result.Windows.Where(w => w.Kept && w.Side is not null)
            .GroupBy(w => w.Repeat)
            .Select(g => (A: g.SingleOrDefault(w => w.Side == LabSide.Baseline), B: g.SingleOrDefault(w => w.Side == LabSide.Candidate)))
            .Where(p => p.A is not null && p.B is not null)
            .Select(p => (p.B!.NetJoulesPerToken / p.A!.NetJoulesPerToken) - 1)
            .ToList();
        return Of(pairs, claim);
    }

    /// <summary>The interval of paired <paramref name="differences"/>.</summary>
    /// <exception cref="InvalidOperationException">Fewer than two pairs: no interval.</exception>
    public static ClaimInterval Of(IReadOnlyList<double> differences, double claim)
    {
        if (differences.Count < 2) throw new InvalidOperationException($"a claim's interval needs at least 2 paired repeats; {differences.Count} were measured");
        var (mean, half) = StudentInterval.Of(differences);
        var sd = Math.Sqrt(differences.Sum(d => (d - mean) * (d - mean)) / (differences.Count - 1));
        var (low, high) = (mean - half!.Value, mean + half.Value);
        var outcome = Comparison.JudgeClaim(claim, low, high);
        return new ClaimInterval(claim, differences, mean, sd, low, high, outcome, outcome == ClaimOutcome.Inconclusive ? PairsNeeded(mean, sd, claim) : null);
    }

    /// <summary>
    /// The fewest paired repeats n (at least 2) that decide the claim with 90% probability if the observed mean and
    /// standard deviation are the true ones: (t(0.975, n − 1) + t(0.90, n − 1))·s/√n below |mean − claim|, the usual
    /// sample size of a one-sample t test at a 5% two-sided level and 90% power. Only t(0.975)·s/√n below the gap would
    /// put the interval just clear of the claim at the observed figures, which a rerun misses half the time. Null when
    /// no number of pairs would (the mean equals the claim) or more than <see cref="MaxPairs"/> would be needed.
    /// </summary>
    public static int? PairsNeeded(double mean, double standardDeviation, double claim)
    {
        var gap = Math.Abs(mean - claim);
        if (!(gap > 0) || !double.IsFinite(standardDeviation)) return null;
        if (standardDeviation == 0) return 2;
        // The bound falls with n (the quantiles fall and √n grows), so the first n below the gap is the answer.
        for (var n = 2; n <= MaxPairs; n++)
        {
            if ((StudentInterval.Quantile975(n - 1) + StudentInterval.Quantile90(n - 1)) * standardDeviation / Math.Sqrt(n) < gap) return n;
        }
        return null;
    }
}
