namespace QSLM.Protocol.Messages;

/// <summary>Agent → host: the request failed. The session continues unless the line could not be read.</summary>
/// <param name="Code">One of <see cref="ErrorCodes"/>.</param>
/// <param name="Message">One line for a person.</param>
/// <param name="BytesHeld">For upload errors: bytes the agent now holds of that model, so the host resumes there.</param>
public sealed record ErrorReply(string Code, string Message, long? BytesHeld = null) : Message;
