namespace QSLM.Errors;

/// <summary>
/// A problem with what the user supplied (a missing file, a checkpoint of the wrong shape, a bad
/// option, a sensor spec that names nothing). Thrown where the input is checked; every subclass (a
/// damaged packed file, a bench file that cannot be used, an unknown firmware profile) is exit code 2,
/// printed as one line without a stack trace. An <see cref="ArgumentException"/> is never input: it
/// is the program's own invariant failing, a bug.
/// </summary>
public class InputException : Exception
{
    /// <summary>Creates the exception with a message that names what and where.</summary>
    public InputException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public InputException(string message, Exception? inner) : base(message, inner) { }
}
