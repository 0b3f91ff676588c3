namespace QSLM.Runtime.Inference;

/// <summary>
/// What the network did, summed over the tokens run: multiply-accumulates of the matrix products,
/// accumulate-only operations where a spike selects an addition, and the spikes of every LIF
/// layer. Energy estimates in the style of the SpikeGPT paper (arXiv:2302.13939, Sec. 5) price
/// MACs and ACs separately, so they are counted separately; MACs also by the bit width of their
/// weight operand, since a multiplier's energy grows with its operand width (Horowitz, ISSCC 2014).
/// One thread (the runtime's) counts; the operation totals may be read from another thread while it
/// runs (a sampler pricing the work of each interval), and each read sees a value the runtime wrote.
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

    /// <summary>Widest weight operand counted by <see cref="MultiplyAccumulatesOfWeightBits"/>.</summary>
    public const int MaxWeightBits = 64;

    private readonly long[] _multiplyAccumulatesByWeightBits = new long[MaxWeightBits + 1];
    private long _multiplyAccumulates;
    private long _accumulates;

    /// <summary>Multiply-accumulates (matrix products, one per weight used).</summary>
    public long MultiplyAccumulates => Interlocked.Read(ref _multiplyAccumulates);

    /// <summary>Accumulates selected by spikes (residual additions of LIF spikes; the embedding's
    /// LayerNorm statistics from its spike count).</summary>
    public long Accumulates => Interlocked.Read(ref _accumulates);

    /// <summary>Multiply-accumulates whose weight operand is <paramref name="bits"/> wide (the storage format's
    /// bits per weight: 1 for sign, 2 to 8 for integer codes, 16 or 32 for floats).</summary>
    public long MultiplyAccumulatesOfWeightBits(int bits) =>
        bits is < 0 or > MaxWeightBits ? 0 : Interlocked.Read(ref _multiplyAccumulatesByWeightBits[bits]);

    /// <summary>The weight widths counted so far, each with its multiply-accumulates, narrowest first.</summary>
    public IReadOnlyDictionary<int, long> MultiplyAccumulatesByWeightBits
    {
        get
        {
            var counts = new SortedDictionary<int, long>();
            for (var bits = 0; bits <= MaxWeightBits; bits++)
            {
                if (MultiplyAccumulatesOfWeightBits(bits) is > 0 and var n) counts[bits] = n;
            }
            return counts;
        }
    }

    /// <summary>Counts <paramref name="count"/> multiply-accumulates with weights of <paramref name="weightBits"/> bits.</summary>
    internal void AddMultiplyAccumulates(int weightBits, long count)
    {
        if (weightBits is < 0 or > MaxWeightBits) throw new ArgumentOutOfRangeException(nameof(weightBits), weightBits, $"weight operands are 0 to {MaxWeightBits} bits wide");
        Interlocked.Add(ref _multiplyAccumulatesByWeightBits[weightBits], count);
        Interlocked.Add(ref _multiplyAccumulates, count);
    }

    private long _integerMultiplyAccumulates;
    private long _integerGroupScalings;

    /// <summary>Of <see cref="MultiplyAccumulates"/>, those of integer-activation (A8) products: int8 inputs times
    /// integer weight codes, summed in int32.</summary>
    public long IntegerMultiplyAccumulates => Interlocked.Read(ref _integerMultiplyAccumulates);

    /// <summary>Groups of A8 products whose integer sum was scaled back to float (two float multiplies and an add each).</summary>
    public long IntegerGroupScalings => Interlocked.Read(ref _integerGroupScalings);

    /// <summary>Marks <paramref name="count"/> of the multiply-accumulates already counted as integer ones, in
    /// <paramref name="groups"/> scaled groups.</summary>
    internal void AddIntegerMultiplyAccumulates(long count, long groups)
    {
        Interlocked.Add(ref _integerMultiplyAccumulates, count);
        Interlocked.Add(ref _integerGroupScalings, groups);
    }

    /// <summary>Counts <paramref name="count"/> accumulates.</summary>
    internal void AddAccumulates(long count) => Interlocked.Add(ref _accumulates, count);

    /// <summary>Spikes of the binary embedding.</summary>
    public long EmbeddingSpikes { get; internal set; }

    /// <summary>Spikes per LIF layer: index 2b is block b's attention LIF, 2b+1 its channel-mix LIF.</summary>
    public long[] Spikes { get; }

    /// <summary>Fraction of neurons of LIF layer <paramref name="layer"/> that fired, per token.</summary>
    public double SpikeRate(int layer) => Tokens == 0 ? 0 : (double)Spikes[layer] / (Tokens * Width);

    /// <summary>Fraction of embedding channels that spiked, per token.</summary>
    public double EmbeddingSpikeRate => Tokens == 0 ? 0 : (double)EmbeddingSpikes / (Tokens * Width);
}
