namespace QSLM.Harness.Farms;

/// <summary>One request a lab measurement makes of the board: an idle window, or a run window of a model.</summary>
/// <param name="Model">The model's path on the host for a run window, or null for an idle window.</param>
/// <param name="Seconds">The window's least length.</param>
/// <param name="WarmupSeconds">The untimed warm-up's least length (0 for an idle window).</param>
/// <param name="Sensors">The sensors sampled in it.</param>
public sealed record WindowRequest(string? Model, double Seconds, double WarmupSeconds, IReadOnlyList<string> Sensors)
{
    /// <summary>Whether the board idles in it.</summary>
    public bool IsIdle => Model is null;

    /// <inheritdoc />
    public bool Equals(WindowRequest? other) => other is not null && Model == other.Model && Seconds.Equals(other.Seconds)
        && WarmupSeconds.Equals(other.WarmupSeconds) && Sensors.SequenceEqual(other.Sensors);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Model, Seconds, WarmupSeconds, Sensors.Count);

    /// <summary>The request in words, for an error that names it.</summary>
    public override string ToString() => FormattableString.Invariant(
        $"{(IsIdle ? "idle" : $"run of {Path.GetFileName(Model)}")} for {Seconds:0.###} s{(IsIdle ? "" : $" after {WarmupSeconds:0.###} s warm-up")}, sampling [{string.Join(", ", Sensors)}]");
}
