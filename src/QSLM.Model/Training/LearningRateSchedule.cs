namespace QSLM.Model.Training;

/// <summary>Linear warm-up then cosine decay to a tenth of the peak: a function of the step alone,
/// so a resumed run follows the same schedule.</summary>
public static class LearningRateSchedule
{
    /// <summary>The learning rate at <paramref name="step"/> of <paramref name="totalSteps"/>.</summary>
    public static double At(int step, int totalSteps, double peak, int warmupSteps)
    {
        if (step < warmupSteps) return peak * (step + 1) / warmupSteps;
        var progress = Math.Clamp((double)(step - warmupSteps) / Math.Max(1, totalSteps - warmupSteps), 0, 1);
        var floor = peak / 10;
        return floor + (peak - floor) * 0.5 * (1 + Math.Cos(Math.PI * progress));
    }
}
