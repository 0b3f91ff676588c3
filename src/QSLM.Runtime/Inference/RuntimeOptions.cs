using QSLM.Runtime.Kernels;

namespace QSLM.Runtime.Inference;

/// <summary>How the runtime computes.</summary>
/// <param name="Path">Kernel instruction set (default: the widest this processor has).</param>
/// <param name="Threads">Threads that share the rows of the large matrices (the LM head); 1 runs
/// everything on the calling thread.</param>
public sealed record RuntimeOptions(KernelPath Path, int Threads)
{
    /// <summary>The widest vector path and one thread per core.</summary>
    public static RuntimeOptions Default { get; } = new(KernelPaths.Best, Environment.ProcessorCount);
}
