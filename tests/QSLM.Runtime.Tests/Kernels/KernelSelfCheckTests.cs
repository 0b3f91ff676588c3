using QSLM.Format.Formats;
using QSLM.Runtime.Kernels;

namespace QSLM.Runtime.Tests.Kernels;

public class KernelSelfCheckTests
{
    [Fact]
    public void Every_A8_and_weight_only_integer_format_is_checked_on_every_accelerated_path_and_all_are_bit_exact_here()
    {
        var checks = KernelSelfCheck.Run();
        var formats = QuantFormats.All.Where(f => f.QuantizesActivations || f.Scheme is QuantScheme.Symmetric or QuantScheme.Asymmetric).Select(f => f.Name);
        foreach (var path in KernelPaths.Supported.Where(p => p != KernelPath.Scalar))
            Assert.Equal(formats.Order(), checks.Where(c => c.Path == path).Select(c => c.Format).Order());
        Assert.All(checks, c => Assert.True(c.Problems > 0 && c.Mismatches == 0, $"{c}"));
    }

    [Fact]
    public void A_kernel_that_sums_in_another_order_than_the_reference_is_counted_as_mismatching()
    {
        // The int8 kernel for per-channel rows is checked with a tolerance, not bit for bit: its order differs.
        var check = KernelSelfCheck.Check(QuantFormats.Get("int8"), KernelPaths.Best, new FusedIntKernel(QuantFormats.Get("int8")));
        Assert.True(check.Mismatches > 0, $"{check}");
    }
}
