namespace QSLM.Runtime.Kernels;

/// <summary>What <see cref="KernelSelfCheck"/> found for one format on one path.</summary>
/// <param name="Format">The format's name.</param>
/// <param name="Path">The vector path checked.</param>
/// <param name="Kernel">The kernel's type name.</param>
/// <param name="Problems">Products computed.</param>
/// <param name="Mismatches">Products whose bits differ from the scalar reference's.</param>
public sealed record KernelCheck(string Format, KernelPath Path, string Kernel, int Problems, int Mismatches);
