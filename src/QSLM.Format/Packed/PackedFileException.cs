namespace QSLM.Format.Packed;

/// <summary>A packed model file that is not valid; the message says exactly what is wrong.</summary>
public sealed class PackedFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PackedFileException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public PackedFileException(string message, Exception inner) : base(message, inner) { }
}
