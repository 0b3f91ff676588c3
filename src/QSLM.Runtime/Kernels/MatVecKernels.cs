using QSLM.Format.Formats;

namespace QSLM.Runtime.Kernels;

/// <summary>Picks the kernel for a format and row length.</summary>
public static class MatVecKernels
{
    /// <summary>The fastest kernel for rows of <paramref name="columns"/> in <paramref name="format"/>.</summary>
    public static IMatVecKernel For(QuantFormat format, int columns)
    {
        if (format.Id == QuantFormats.Fp32.Id) return new Fp32Kernel();
        if (format.QuantizesActivations)
        {
            if (format.Scheme == QuantScheme.Sign) return new SignActivationKernel(format);
            return IntegerActivationKernel.Serves(format)
                ? new IntegerActivationKernel(format)
                : throw new ArgumentException($"{format} quantizes activations but has no kernel");
        }
        if (format.IsPerChannel && FusedIntKernel.Supports(format, columns)) return new FusedIntKernel(format);
        if (PackedIntKernel.Supports(format, columns)) return new PackedIntKernel(format);
        if (format.Scheme == QuantScheme.Sign) return new SignKernel(format);
        return new RowDecodeKernel(format);
    }
}
