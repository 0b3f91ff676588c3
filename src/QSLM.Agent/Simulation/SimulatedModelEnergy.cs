namespace QSLM.Agent.Simulation;

/// <summary>The stated energy of one model on a simulated board, replacing the price of its measured work.</summary>
/// <param name="JoulesPerToken">Energy above idle of each token the model runs.</param>
internal sealed record SimulatedModelEnergy(double JoulesPerToken);
