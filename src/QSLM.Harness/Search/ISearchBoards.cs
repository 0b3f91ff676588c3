using QSLM.Boards.Settings;
using QSLM.Errors;
using QSLM.Search.Board;
using QSLM.Search.Tiers;
using QSLM.Sensors.Board;

namespace QSLM.Harness.Search;

/// <summary>Where a search's board measurements go, as its runner sees them: boards of a bench driven directly
/// (<see cref="SearchBoards"/>) or the devices of a farm (<see cref="Farms.LavaBoardMeasurer"/>).</summary>
public interface ISearchBoards : IAsyncDisposable
{
    /// <summary>What the search's ledger measures through.</summary>
    IBoardMeasurer Measurer { get; }

    /// <summary>The boards lost to infrastructure so far, by name.</summary>
    IReadOnlyList<string> Lost { get; }

    /// <summary>The windows of every measurement, in words, or null when power is estimated.</summary>
    string? PowerWindows { get; }

    /// <summary>The file each lab measurement's windows are appended to.</summary>
    string? WindowsLog { get; }

    /// <summary>Brings the boards up before the search.</summary>
    /// <returns>The tag every power figure carries, and the settings read back (none where nothing was pinned).</returns>
    /// <exception cref="InfrastructureFailureException">No board could be brought up.</exception>
    /// <exception cref="InputException">The boards cannot measure as asked.</exception>
    Task<(SourceTag Source, AppliedSettings? Settings)> PrepareAsync(CancellationToken cancellationToken);

    /// <summary>Packs <paramref name="candidate"/> to <paramref name="path"/>, as the boards get it.</summary>
    string Pack(Candidate candidate, string path);
}
