namespace QSLM.Benchmarks;

/// <summary>What <see cref="PackBenchmark"/> measured.</summary>
/// <param name="Megabytes">Megabytes of fp32 weights each operation processed.</param>
/// <param name="CopySeconds">The plain copy's median time, the baseline.</param>
/// <param name="Operations">The copy first, then packing and unpacking each format.</param>
internal sealed record PackBenchmarkResult(double Megabytes, double CopySeconds, IReadOnlyList<PackOperation> Operations);

/// <summary>One timed operation of <see cref="PackBenchmark"/>.</summary>
/// <param name="Name">What was timed, e.g. "pack int8".</param>
/// <param name="Seconds">Its median time.</param>
internal sealed record PackOperation(string Name, double Seconds);
