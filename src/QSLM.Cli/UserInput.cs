using QSLM.Errors;

namespace QSLM.Cli;

/// <summary>Calls into libraries that check what the user typed (a sensor spec, a format list, a pair
/// of sample files) and throw <see cref="ArgumentException"/> or <see cref="FormatException"/>: here,
/// and only here, those are bad input (exit 2). Anywhere else they are a bug (exit 70).</summary>
internal static class UserInput
{
    /// <summary>Runs <paramref name="read"/>, turning its argument and format errors into <see cref="InputException"/>.</summary>
    public static T Check<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new InputException(e.Message, e);
        }
    }
}
