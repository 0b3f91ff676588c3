namespace QSLM.Agent.Simulation;

/// <summary>
/// The energy of a model the simulated board prices per token (<see cref="SimulatedBoardFile.Models"/>), spent as the
/// work is done rather than when each token ends: each token's stated energy is spread over its multiply-accumulates,
/// so the power is steady while the model runs and falls to idle the moment it stops, and a window that holds whole
/// tokens holds their energy, however unevenly the simulation's thread is scheduled (an emulator on a loaded host).
/// The energy shown is anchored to the tokens finished: after each one it equals their stated energy, whatever the
/// estimate of a token's multiply-accumulates was, so no error builds up.
/// </summary>
internal sealed class TokenEnergy
{
    private string? _model;
    private long _firstTokens;
    private long _firstMacs;
    private long _tokens;
    private long _macsAtToken;
    private double _shown;

    /// <summary>The joules to show since the last call: <paramref name="model"/> has finished <paramref name="tokens"/>
    /// tokens and done <paramref name="macs"/> multiply-accumulates so far (totals over the agent's life), each token
    /// worth <paramref name="joulesPerToken"/>.</summary>
    public double Joules(string model, long tokens, long macs, double joulesPerToken)
    {
        if (model != _model || tokens < _tokens || macs < _firstMacs)
        {
            (_model, _firstTokens, _firstMacs, _tokens, _macsAtToken, _shown) = (model, tokens, macs, tokens, macs, 0);
            return 0;
        }
        if (tokens > _tokens) (_tokens, _macsAtToken) = (tokens, macs);
        var finished = tokens - _firstTokens;
        // The part of the token under way, by its multiply-accumulates against the mean of the finished ones; none is
        // known before the first token ends, when the first token's energy comes at its end.
        var underWay = 0.0;
        if (finished > 0 && _macsAtToken > _firstMacs)
            underWay = Math.Min(1, (macs - _macsAtToken) / ((double)(_macsAtToken - _firstMacs) / finished));
        var owed = (joulesPerToken * (finished + underWay)) - _shown;
        if (owed <= 0) return 0;
        _shown += owed;
        return owed;
    }

    /// <summary>Forgets the model: none runs.</summary>
    public void Reset() => _model = null;
}
