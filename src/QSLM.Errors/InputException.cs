namespace QSLM.Errors;

/// <summary>
/// A problem with what the user supplied (a missing file, a checkpoint of the wrong shape, a bad
/// option). The CLI prints its message as one line, without a stack trace.
/// </summary>
public sealed class InputException : Exception
{
    /// <summary>Creates the exception with a message that names what and where.</summary>
    public InputException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public InputException(string message, Exception inner) : base(message, inner) { }
}
