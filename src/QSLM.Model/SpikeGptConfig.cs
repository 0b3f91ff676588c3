namespace QSLM.Model;

/// <summary>
/// Shape of a SpikeGPT network (Zhu et al., "SpikeGPT: Generative Pre-trained Language Model with
/// Spiking Neural Networks", arXiv:2302.13939): depth, width and vocabulary, plus an optional
/// sentence-classification head.
/// </summary>
/// <param name="Layers">Number of SpikeGPT blocks.</param>
/// <param name="Width">Embedding width C.</param>
/// <param name="VocabSize">Vocabulary size V of the embedding (and of the LM head, when present).</param>
/// <param name="HasLmHead">Whether the network carries <c>head.weight</c> (V×C).</param>
/// <param name="ClassCount">Number of classes of the <c>cls</c> head; 0 when there is none.</param>
public sealed record SpikeGptConfig(int Layers, int Width, int VocabSize, bool HasLmHead = true, int ClassCount = 0)
{
    /// <summary>Throws when a dimension is not positive.</summary>
    public void Validate()
    {
        if (Layers <= 0) throw new ArgumentException($"layers must be positive, got {Layers}");
        if (Width <= 0) throw new ArgumentException($"width must be positive, got {Width}");
        if (VocabSize <= 1) throw new ArgumentException($"vocabulary size must be at least 2, got {VocabSize}");
        if (ClassCount < 0) throw new ArgumentException($"class count must not be negative, got {ClassCount}");
        if (!HasLmHead && ClassCount == 0) throw new ArgumentException("a model needs an LM head, a classification head, or both");
    }

    /// <summary>Short human-readable description, e.g. <c>L6 C192 V33278 +lm</c>.</summary>
    public override string ToString() =>
        FormattableString.Invariant($"L{Layers} C{Width} V{VocabSize}{(HasLmHead ? " +lm" : "")}{(ClassCount > 0 ? $" +cls{ClassCount}" : "")}");
}
