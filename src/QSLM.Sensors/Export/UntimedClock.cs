using System.Globalization;
using QSLM.Errors;

namespace QSLM.Sensors.Export;

/// <summary>
/// The time of the n-th sample of a log that has no timestamps: n × the sampling interval the user states.
/// A log so long that the time leaves <see cref="TimeSpan"/>'s range is refused with the line, not left to overflow.
/// </summary>
internal sealed class UntimedClock(TimeSpan interval, string origin)
{
    public TimeSpan At(long tick, int lineNumber)
    {
        try
        {
            return TimeSpan.FromTicks(checked(interval.Ticks * tick));
        }
        catch (OverflowException)
        {
            throw new InputException(string.Create(CultureInfo.InvariantCulture,
                $"{origin}:{lineNumber}: at one sample every {interval.TotalMilliseconds} ms, sample {tick} lies beyond the longest time a sample can have; check --interval-ms"));
        }
    }
}
