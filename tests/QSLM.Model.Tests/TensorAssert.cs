using static TorchSharp.torch;

namespace QSLM.Model.Tests;

/// <summary>Exact tensor comparisons (TorchSharp's <c>Tensor.equal</c> is element-wise).</summary>
internal static class TensorAssert
{
    public static void Identical(Tensor expected, Tensor actual, string what)
    {
        Assert.True(expected.shape.SequenceEqual(actual.shape), $"{what}: shape [{string.Join(",", actual.shape)}], expected [{string.Join(",", expected.shape)}]");
        Assert.Equal(expected.dtype, actual.dtype);
        Assert.True(expected.eq(actual).all().item<bool>(), $"{what}: values differ");
    }
}
