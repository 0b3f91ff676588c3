using System.Globalization;

namespace QSLM.Sensors.Calibration;

/// <summary>Gain and offset from two (measured, reference) points: the line through both.</summary>
public static class TwoPointCalibration
{
    /// <summary>Fits reference = gain × measured + offset through <paramref name="low"/> and <paramref name="high"/>.</summary>
    public static (double Gain, double Offset) Fit(CalibrationPoint low, CalibrationPoint high)
    {
        var span = high.Measured - low.Measured;
        if (Math.Abs(span) < 1e-9 * Math.Max(1, Math.Abs(high.Measured)))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"the two calibration points read the same ({low.Measured}); take them at two clearly different loads"));
        var gain = (high.Reference - low.Reference) / span;
        return (gain, low.Reference - gain * low.Measured);
    }
}
