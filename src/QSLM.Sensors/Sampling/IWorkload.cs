namespace QSLM.Sensors.Sampling;

/// <summary>The work measured in each window: started before the window opens, stopped when it closes.</summary>
public interface IWorkload
{
    /// <summary>Starts repeat <paramref name="repeat"/>; returns once the work has acknowledged its start.</summary>
    void Start(int repeat);

    /// <summary>Stops repeat <paramref name="repeat"/> and returns the tokens it completed inside the window.</summary>
    long Stop(int repeat);
}
