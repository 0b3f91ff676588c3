namespace QSLM.Runtime.Inference;

/// <summary>
/// What the network did, summed over the tokens run: multiply-accumulates of the matrix products,
/// accumulate-only operations where a spike selects an addition, and the spikes of every LIF
/// layer. Energy estimates in the style of the SpikeGPT paper (arXiv:2302.13939, Sec. 5) price
/// MACs and ACs separately, so they are counted separately.
/// </summary>
public sealed class OperationCounts
{
    /// <summary>Creates counters for a model of <paramref name="layers"/> blocks of width <paramref name="width"/>.</summary>
    public OperationCounts(int layers, int width)
    {
        Width = width;
        Spikes = new long[2 * layers];
    }

    /// <summary>Neurons per LIF layer (the model width).</summary>
    public int Width { get; }

    /// <summary>Tokens run.</summary>
    public long Tokens { get; internal set; }

    /// <summary>Multiply-accumulates (matrix products, one per weight used).</summary>
    public long MultiplyAccumulates { get; internal set; }

    /// <summary>Accumulates selected by spikes (residual additions of LIF spikes; the embedding's
    /// LayerNorm statistics from its spike count).</summary>
    public long Accumulates { get; internal set; }

    /// <summary>Spikes of the binary embedding.</summary>
    public long EmbeddingSpikes { get; internal set; }

    /// <summary>Spikes per LIF layer: index 2b is block b's attention LIF, 2b+1 its channel-mix LIF.</summary>
    public long[] Spikes { get; }

    /// <summary>Fraction of neurons of LIF layer <paramref name="layer"/> that fired, per token.</summary>
    public double SpikeRate(int layer) => Tokens == 0 ? 0 : (double)Spikes[layer] / (Tokens * Width);

    /// <summary>Fraction of embedding channels that spiked, per token.</summary>
    public double EmbeddingSpikeRate => Tokens == 0 ? 0 : (double)EmbeddingSpikes / (Tokens * Width);
}
