namespace QSLM.Agent.Simulation;

/// <summary>
/// The stated energies of a simulated board applied to work: processor time, multiply-accumulates by weight width,
/// accumulates. What the work is comes from what the agent measured, never from a model's format.
/// </summary>
internal sealed class EnergyModel(SimulatedBoardFile board)
{
    /// <summary>Power with no work.</summary>
    public double IdleWatts => board.IdleWatts;

    /// <summary>Joules of the work done between two looks at the agent's counters.</summary>
    public double Joules(double cpuSeconds, IReadOnlyDictionary<int, long> multiplyAccumulates, long accumulates)
    {
        var picojoules = accumulates * board.PicojoulesPerAccumulate;
        foreach (var (bits, count) in multiplyAccumulates)
            picojoules += count * board.PicojoulesPerMultiplyAccumulate.GetValueOrDefault(bits);
        return cpuSeconds * board.JoulesPerCpuSecond + picojoules * 1e-12;
    }
}
