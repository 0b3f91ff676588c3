namespace QSLM.Protocol;

/// <summary>A message that cannot be framed or parsed, or that breaks the protocol's rules; carries the
/// <see cref="ErrorCodes"/> value the receiving side reports back.</summary>
public sealed class ProtocolException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>One of <see cref="ErrorCodes"/>.</summary>
    public string Code { get; } = code;
}
