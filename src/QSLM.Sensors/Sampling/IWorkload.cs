namespace QSLM.Sensors.Sampling;

/// <summary>The work measured in each window: started before the window opens, stopped when it closes.</summary>
public interface IWorkload
{
    /// <summary>Starts repeat <paramref name="repeat"/>; returns once the work has acknowledged its start.</summary>
    void Start(int repeat);

    /// <summary>The warm-up of repeat <paramref name="repeat"/> is over and its window opens: work done from here on
    /// is what <see cref="Stop"/> counts.</summary>
    void WindowOpened(int repeat)
    {
    }

    /// <summary>Stops repeat <paramref name="repeat"/> and returns the tokens it completed inside the window.</summary>
    long Stop(int repeat);
}
