namespace QSLM.Benchmarks;

/// <summary>What <see cref="RuntimeBenchmark"/> measured.</summary>
/// <param name="Bandwidth">Streaming bandwidth, bytes per second.</param>
/// <param name="Variants">The runtime on each format asked for, fp32 among them, in the order asked.</param>
/// <param name="TorchRate">Tokens per second of the TorchSharp fp32 recurrence.</param>
internal sealed record RuntimeBenchmarkResult(double Bandwidth, IReadOnlyList<RuntimeVariant> Variants, double TorchRate)
{
    /// <summary>The runtime on <paramref name="format"/>.</summary>
    public RuntimeVariant Variant(string format) => Variants.Single(v => v.Format == format);

    /// <summary>The runtime on <paramref name="format"/>, if it was measured.</summary>
    public RuntimeVariant? Find(string format) => Variants.SingleOrDefault(v => v.Format == format);
}

/// <summary>The runtime on one packing.</summary>
/// <param name="Format">The format of every tensor, e.g. "fp32" or "int4_g32_a8".</param>
/// <param name="FileBytes">Size of the packed file.</param>
/// <param name="WeightBytesPerToken">Weight bytes a token reads, the head's included.</param>
/// <param name="Rate">Tokens per second.</param>
internal sealed record RuntimeVariant(string Format, long FileBytes, long WeightBytesPerToken, double Rate)
{
    /// <summary>Tokens per second that <paramref name="bandwidth"/> allows when every weight is read once per token.</summary>
    public double Floor(double bandwidth) => bandwidth / WeightBytesPerToken;
}
