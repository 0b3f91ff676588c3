using System.Globalization;
using QSLM.Errors;

namespace QSLM.Sensors.Calibration;

/// <summary>Gain and offset from two (measured, reference) points: the line through both.</summary>
public static class TwoPointCalibration
{
    /// <summary>Fits reference = gain × measured + offset through <paramref name="low"/> and <paramref name="high"/>; points
    /// too close for a gain were taken by the user at loads too alike, an <see cref="InputException"/>.</summary>
    public static (double Gain, double Offset) Fit(CalibrationPoint low, CalibrationPoint high)
    {
        var span = high.Measured - low.Measured;
        // Points closer than 10% of the larger reading make the gain mostly noise.
        if (Math.Abs(span) < 0.1 * Math.Max(Math.Abs(low.Measured), Math.Abs(high.Measured)) || span == 0)
            throw new InputException(string.Create(CultureInfo.InvariantCulture,
                $"the two calibration points read {low.Measured} and {high.Measured}, too close for a gain; take them at two clearly different loads"));
        var gain = (high.Reference - low.Reference) / span;
        return (gain, low.Reference - gain * low.Measured);
    }
}
