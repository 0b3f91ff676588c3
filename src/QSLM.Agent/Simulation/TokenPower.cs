namespace QSLM.Agent.Simulation;

/// <summary>
/// The dynamic power of a model the simulated board prices per token (<see cref="SimulatedBoardFile.Models"/>). Each
/// token that ends owes its stated energy; the power shown is what is owed over <see cref="Lag"/>, and what was shown
/// since the last look is paid off, so the power is steady while a model runs (as a board's supply smooths its load)
/// rather than a spike in each tick a token ends in, and the energy the sensor sees is what the tokens owe even when
/// the simulation's thread is starved of processor time (an emulator on a loaded host): a long tick showed its power
/// for longer and pays more, into debt if need be, which later tokens repay before any more is shown.
/// </summary>
internal sealed class TokenPower
{
    /// <summary>The time over which what is owed is shown: a few sensor samples, far shorter than any warm-up.</summary>
    public static readonly double Lag = 0.2;

    private string? _model;
    private long _tokens;
    private double _owed;
    private double _watts;

    /// <summary>The power above idle to show from now on, <paramref name="model"/> having run <paramref name="tokens"/>
    /// tokens so far, each worth <paramref name="joulesPerToken"/>, the last power having been shown for <paramref name="interval"/>.</summary>
    public double Watts(string model, long tokens, double joulesPerToken, double interval)
    {
        if (model != _model || tokens < _tokens)
        {
            Reset();
            (_model, _tokens) = (model, tokens);
        }
        _owed += (joulesPerToken * (tokens - _tokens)) - (_watts * interval);
        _tokens = tokens;
        _watts = Math.Max(0, _owed / Lag);
        return _watts;
    }

    /// <summary>Forgets the model: none runs, and what a stopped one still owed is dropped.</summary>
    public void Reset() => (_model, _tokens, _owed, _watts) = (null, 0, 0, 0);
}
