using QSLM.Model.Layers;
using static TorchSharp.torch;

namespace QSLM.Model;

/// <summary>Recurrent state of a whole SpikeGPT network: one <see cref="LayerState"/> per block.</summary>
public sealed class SpikeGptState : IDisposable
{
    /// <summary>Creates a state from per-block states.</summary>
    public SpikeGptState(IReadOnlyList<LayerState> layers) => Layers = layers;

    /// <summary>Per-block states, block 0 first.</summary>
    public IReadOnlyList<LayerState> Layers { get; }

    /// <summary>The state before any token.</summary>
    public static SpikeGptState Initial(SpikeGptConfig config, long batch, ScalarType dtype) =>
        new(Enumerable.Range(0, config.Layers).Select(_ => LayerState.Initial(batch, config.Width, dtype)).ToArray());

    /// <summary>A copy cut from the autograd graph.</summary>
    public SpikeGptState Detach() => new(Layers.Select(l => l.Detach()).ToArray());

    /// <summary>Keeps the tensors alive past the innermost dispose scope.</summary>
    public void MoveToOuterDisposeScope()
    {
        foreach (var l in Layers) l.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var l in Layers) l.Dispose();
    }
}
