namespace QSLM.Harness.Power;

/// <summary>Which of the two candidates a window measures.</summary>
public enum LabSide
{
    /// <summary>The baseline (A).</summary>
    Baseline,

    /// <summary>The candidate compared with it (B).</summary>
    Candidate,
}

/// <summary>One window of a schedule.</summary>
/// <param name="Repeat">The repeat (pair) it belongs to, zero-based.</param>
/// <param name="Side">Which candidate it measures.</param>
public sealed record ScheduledWindow(int Repeat, LabSide Side);

/// <summary>
/// The order of a lab measurement's windows: baseline A and candidate B interleaved, each repeat a pair whose
/// order (AB or BA) is drawn from a seeded generator. A drift of the board over the run (warming, a supply
/// sagging) then falls on both candidates alike and cancels in the paired saving, and a drift in step with the
/// pairs cannot favour either, since the order within a pair is random (a counterbalanced ABBA design would
/// cancel a linear drift too, but is predictable). The same seed gives the same order.
/// </summary>
public static class AbabSchedule
{
    /// <summary>The windows of <paramref name="repeats"/> pairs, in order; with no candidate, the baseline's windows alone.</summary>
    public static IReadOnlyList<ScheduledWindow> Create(int repeats, int seed, bool withCandidate = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        if (!withCandidate) return [.. Enumerable.Range(0, repeats).Select(r => new ScheduledWindow(r, LabSide.Baseline))];
        var random = new Random(seed);
        var windows = new List<ScheduledWindow>(2 * repeats);
        for (var r = 0; r < repeats; r++)
        {
            var baselineFirst = random.Next(2) == 0;
            windows.Add(new ScheduledWindow(r, baselineFirst ? LabSide.Baseline : LabSide.Candidate));
            windows.Add(new ScheduledWindow(r, baselineFirst ? LabSide.Candidate : LabSide.Baseline));
        }
        return windows;
    }
}
