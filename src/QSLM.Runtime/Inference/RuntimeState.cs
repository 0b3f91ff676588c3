namespace QSLM.Runtime.Inference;

/// <summary>
/// The recurrent state of one stream: per block the attention and channel-mix token shifts, the
/// WKV numerator, denominator and running maximum (RWKV-4's numerically stable form), and the two
/// LIF membranes. O(1) in the length of the stream.
/// </summary>
public sealed class RuntimeState
{
    /// <summary>The initial state: zeros, and a WKV maximum of -1e38 (nothing accumulated yet),
    /// as the host model starts.</summary>
    public RuntimeState(int layers, int width)
    {
        Layers = Enumerable.Range(0, layers).Select(_ => new LayerBuffers(width)).ToArray();
    }

    /// <summary>Per-block state.</summary>
    public IReadOnlyList<LayerBuffers> Layers { get; }

    /// <summary>One block's state.</summary>
    public sealed class LayerBuffers
    {
        internal LayerBuffers(int width)
        {
            AttShift = new float[width];
            Numerator = new float[width];
            Denominator = new float[width];
            Max = new float[width];
            Array.Fill(Max, -1e38f);
            FfnShift = new float[width];
            AttMembrane = new float[width];
            FfnMembrane = new float[width];
        }

        /// <summary>The attention input of the previous token.</summary>
        public float[] AttShift { get; }

        /// <summary>WKV numerator.</summary>
        public float[] Numerator { get; }

        /// <summary>WKV denominator.</summary>
        public float[] Denominator { get; }

        /// <summary>WKV running maximum exponent.</summary>
        public float[] Max { get; }

        /// <summary>The channel-mix input of the previous token.</summary>
        public float[] FfnShift { get; }

        /// <summary>Membrane of the LIF after attention.</summary>
        public float[] AttMembrane { get; }

        /// <summary>Membrane of the LIF after channel-mix.</summary>
        public float[] FfnMembrane { get; }
    }
}
