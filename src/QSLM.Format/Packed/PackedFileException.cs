using QSLM.Errors;

namespace QSLM.Format.Packed;

/// <summary>A packed model file that is not valid; the message says exactly what is wrong. The file is
/// what the user gave, so this is bad input (exit code 2).</summary>
public sealed class PackedFileException : InputException
{
    /// <summary>Creates the exception.</summary>
    public PackedFileException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public PackedFileException(string message, Exception inner) : base(message, inner) { }
}
