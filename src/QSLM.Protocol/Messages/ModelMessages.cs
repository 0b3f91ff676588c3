namespace QSLM.Protocol.Messages;

/// <summary>
/// Host → agent: one chunk of a model. The agent appends it to its partial copy only when
/// <paramref name="Offset"/> equals the bytes it holds, so a chunk is never written twice or out of
/// order; when a chunk completes the copy it checks the SHA-256 and only then moves the file into
/// place. A chunk with no data at the current end finalizes a copy that arrived by another route
/// (SFTP): once its length is right it is moved into place unhashed, and the hash that the agent checks
/// before every use of every model decides whether it ever runs.
/// </summary>
/// <param name="Sha256">Lower-case hex SHA-256 of the whole model.</param>
/// <param name="TotalBytes">Size of the whole model.</param>
/// <param name="Offset">Where <paramref name="Data"/> starts in the model.</param>
/// <param name="Data">The bytes (base64 on the wire).</param>
public sealed record PutModel(string Sha256, long TotalBytes, long Offset, byte[] Data) : Message;

/// <summary>
/// Host → agent (protocol 2): this model's bytes are about to arrive in the agent's partial copy by
/// another route (SFTP), appended from the <see cref="ModelStatus.BytesHeld"/> of the reply, and
/// finalized by an empty <see cref="PutModel"/>. The reply is a <see cref="ModelStatus"/>: complete when nothing needs sending, else where the
/// partial copy ends (a copy longer than <paramref name="TotalBytes"/> is discarded first).
/// </summary>
/// <param name="Sha256">Lower-case hex SHA-256 of the whole model.</param>
/// <param name="TotalBytes">Size of the whole model.</param>
public sealed record ExpectModel(string Sha256, long TotalBytes) : Message;

/// <summary>Host → agent: how much of this model do you hold?</summary>
/// <param name="Sha256">Lower-case hex SHA-256 of the model.</param>
public sealed record QueryModel(string Sha256) : Message;

/// <summary>Agent → host: what the agent holds of one model.</summary>
/// <param name="Sha256">The model's hash.</param>
/// <param name="BytesHeld">Bytes of the partial copy, or the whole size when complete.</param>
/// <param name="Complete">Whether every byte of the model is in place (its hash is checked before each use).</param>
public sealed record ModelStatus(string Sha256, long BytesHeld, bool Complete) : Message;
