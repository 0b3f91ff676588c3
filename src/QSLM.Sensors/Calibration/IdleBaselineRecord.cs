using QSLM.Sensors.Board;
namespace QSLM.Sensors.Calibration;

/// <summary>
/// A board's measured idle power (schema in <c>calibration/README.md</c>): the mean over an idle window
/// with the board pinned as its firmware profile says, kept to be subtracted on request and to spot a
/// board whose idle draw has changed.
/// </summary>
public sealed record IdleBaselineRecord
{
    /// <summary>The board's name in the hardware inventory.</summary>
    public required string Board { get; init; }

    /// <summary>The source tag of the figure (<c>measured:jetson-VDD_IN</c>).</summary>
    public required string Source { get; init; }

    /// <summary>Mean idle power in watts.</summary>
    public required double IdleWatts { get; init; }

    /// <summary>Samples averaged.</summary>
    public required int Samples { get; init; }

    /// <summary>Length of the idle window in seconds.</summary>
    public required double WindowSeconds { get; init; }

    /// <summary>Date measured.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>Throws when the record cannot be right.</summary>
    public void Validate(string origin)
    {
        if (string.IsNullOrWhiteSpace(Board)) throw new FormatException($"{origin}: board is empty");
        if (!SourceTag.TryParse(Source, out _)) throw new FormatException($"{origin}: source '{Source}' is not measured:<sensor>, simulated:<model> or estimated:<model>");
        if (!double.IsFinite(IdleWatts) || IdleWatts < 0) throw new FormatException($"{origin}: idleWatts must be a non-negative number");
        if (Samples < 1 || WindowSeconds <= 0) throw new FormatException($"{origin}: samples and windowSeconds must be positive");
    }
}
