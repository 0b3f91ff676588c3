namespace QSLM.Farm.Lava;

/// <summary>A LAVA job as <c>/api/v0.2/jobs/N/</c> gives it.</summary>
/// <param name="Id">The job's id.</param>
/// <param name="State">Submitted, Scheduling, Scheduled, Running, Canceling or Finished.</param>
/// <param name="Health">Unknown, Complete, Incomplete or Canceled.</param>
/// <param name="Device">The device it ran on, once scheduled.</param>
/// <param name="Description">Its job name.</param>
/// <param name="Started">When a device started it, once started.</param>
/// <param name="Ended">When it ended, once finished.</param>
public sealed record LavaJob(int Id, string State, string Health, string? Device, string? Description, DateTimeOffset? Started = null, DateTimeOffset? Ended = null)
{
    /// <summary>Whether it has finished (whatever its health).</summary>
    public bool IsFinished => State == "Finished";
}
