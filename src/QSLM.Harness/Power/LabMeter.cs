namespace QSLM.Harness.Power;

/// <summary>The meter a lab measurement reads: a sensor on the board, sampled by the agent on its clock, or a meter
/// beside the board, sampled by the host on its clock and aligned with the agent's marks.</summary>
/// <param name="Spec">The sensor's spec (as in a bench file's <c>meters:</c> and <c>--sensor</c>).</param>
/// <param name="Host">The meter, where it is on the host; null for a sensor on the board.</param>
public sealed record LabMeter(string Spec, IHostMeter? Host)
{
    /// <summary>A sensor on the board, named as the agent knows it.</summary>
    public static LabMeter OnBoard(string spec) => new(spec, null);

    /// <summary>A meter on the host, measuring the board's supply.</summary>
    public static LabMeter OnHost(string spec, IHostMeter meter) => new(spec, meter);

    /// <summary>Whether the host reads it.</summary>
    public bool OnHostSide => Host is not null;
}
