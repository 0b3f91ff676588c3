using System.Globalization;
using QSLM.Boards.Profiles;
using QSLM.Protocol.Messages;

namespace QSLM.Harness.Search;

/// <summary>
/// The memory a candidate may take on the board: its firmware profile's <c>memory_for_model</c>, or,
/// where the profile says <c>mem_available</c> (or the board names no profile), the <c>MemAvailable</c>
/// its agent reported at hello. A candidate whose peak resident memory on the board is over it failed
/// there by its own fault.
/// </summary>
/// <param name="Bytes">A fixed budget, or null to take <c>MemAvailable</c> from the agent's hello.</param>
/// <param name="Source">Where the figure comes from, for the failure message.</param>
public sealed record BoardMemoryBudget(long? Bytes, string Source)
{
    /// <summary>The budget <paramref name="profile"/> gives (none: the hello's <c>MemAvailable</c>).</summary>
    public static BoardMemoryBudget Of(FirmwareProfile? profile) =>
        profile?.MemoryBytes is { } bytes
            ? new BoardMemoryBudget(bytes, $"memory_for_model of profile {profile.Name}")
            : new BoardMemoryBudget(null, "MemAvailable at the agent's hello");

    /// <summary>The budget in bytes once the agent has said hello, or null when it is unknown (no
    /// fixed budget and the board cannot read <c>/proc/meminfo</c>).</summary>
    /// <remarks>MemAvailable is read while the agent is already resident, so comparing the agent's
    /// peak against it errs by the agent's start-up footprint on the side of failing a candidate.</remarks>
    public long? Resolve(HelloReply? hello) => Bytes ?? hello?.MemAvailableBytes;

    /// <summary>Why a peak of <paramref name="peakBytes"/> fails against <paramref name="budget"/>, or null when it fits.</summary>
    public string? Check(long? peakBytes, long? budget) => peakBytes is { } peak && budget is { } limit && peak > limit
        // Plain digits: the reason lands in a CSV cell and in one-line errors.
        ? string.Create(CultureInfo.InvariantCulture, $"out of memory: peak resident {peak} bytes over the board's {limit} ({Source})")
        : null;
}
