namespace QSLM.Boards.Sessions;

/// <summary>
/// Where the wall time of one put-model went, measured by the session on its own clock: what the
/// deployment path adds to the bulk transfer is <see cref="Query"/> plus <see cref="Finalize"/>.
/// </summary>
/// <param name="Query">The round trip that asks the agent what it holds of the model.</param>
/// <param name="Transfer">Sending the bytes the agent lacked (the bulk route's own checks included), zero when it held them all.</param>
/// <param name="Finalize">From the last byte sent until the agent reported the model verified and in place.</param>
/// <param name="ResumedFrom">Bytes the agent already held when the transfer began.</param>
/// <param name="Sent">Whether any bytes were sent (false: the model was already stored).</param>
public sealed record UploadTimings(TimeSpan Query, TimeSpan Transfer, TimeSpan Finalize, long ResumedFrom, bool Sent)
{
    /// <summary>All three phases.</summary>
    public TimeSpan Total => Query + Transfer + Finalize;
}
