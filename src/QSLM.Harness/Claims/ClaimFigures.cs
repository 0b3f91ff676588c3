using QSLM.Harness.Power;
using QSLM.Reports.Document;
using QSLM.Sensors.Sampling;
using QSLM.Sensors.Statistics;

namespace QSLM.Harness.Claims;

/// <summary>
/// Each side's power and energy over its kept windows, gross (what the board draws) and net (above the idle power of
/// the same run): the median of the windows, and the half-width of the 95% interval of their mean by Student's t, as
/// the search reports a board's figures (<see cref="LabSideSummary"/>).
/// </summary>
public static class ClaimFigures
{
    /// <summary>Quantity names of the figures, as the report and the history use them.</summary>
    public const string Power = "power", NetPower = "power above idle", EnergyPerToken = "energy per token", NetEnergyPerToken = "energy per token above idle",
        EnergyPerInference = "energy per inference", NetEnergyPerInference = "energy per inference above idle";

    /// <summary>The figures of both sides of <paramref name="result"/>, an inference being <paramref name="tokensPerInference"/> tokens.</summary>
    public static IReadOnlyList<ClaimFigure> Of(LabResult result, double tokensPerInference)
    {
        var figures = new List<ClaimFigure>();
        var source = result.Source.ToString();
        foreach (var side in new[] { LabSide.Baseline, LabSide.Candidate })
        {
            var kept = result.Windows.Where(w => w.Kept && w.Side == side).ToList();
            if (kept.Count == 0) continue;
            var name = side == LabSide.Baseline ? "baseline" : "candidate";
            ClaimFigure Figure(string quantity, Func<LabWindow, double> value, string unit)
            {
                var values = kept.Select(value).ToList();
                return new ClaimFigure(name, quantity, EnergyReport.Median(values), StudentInterval.Of(values).HalfWidth, unit, source);
            }
            figures.Add(Figure(Power, w => w.GrossWatts, "W"));
            figures.Add(Figure(NetPower, w => w.NetWatts, "W"));
            figures.Add(Figure(EnergyPerToken, w => w.GrossJoulesPerToken, "J"));
            figures.Add(Figure(NetEnergyPerToken, w => w.NetJoulesPerToken, "J"));
            figures.Add(Figure(EnergyPerInference, w => w.GrossJoulesPerToken * tokensPerInference, "J"));
            figures.Add(Figure(NetEnergyPerInference, w => w.NetJoulesPerToken * tokensPerInference, "J"));
        }
        return figures;
    }
}
