using QSLM.Model.Tensors;
using static TorchSharp.torch;

namespace QSLM.Model.Tests.Tensors;

public sealed class ScalarArithmeticTests
{
    [Fact]
    public void No_code_of_the_model_makes_a_temporary_TorchSharp_scalar_that_the_finalizer_could_free_during_its_call()
    {
        Assert.Empty(TemporaryScalarCalls.In(typeof(SpikeGpt).Assembly, allowedOwner: typeof(ScalarArithmetic).FullName));
    }

    [Fact]
    public void Each_operation_gives_exactly_what_the_TorchSharp_operator_it_replaces_gives()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(3);
        var a = randn(5, 7);
        var b = randn(5, 7);
        var integers = arange(0, 20, 1, ScalarType.Int64);

        Same(a + b, a.Plus(b));
        Same(a + 0.3, a.Plus(0.3));
        Same(integers + 1, integers.Plus(1L));
        Same(a - 5.0, a.Minus(5.0));
        Same(integers - 1, integers.Minus(1L));
        Same(1 - a, 1.0.Minus(a));
        Same(a * 0.5, a.Times(0.5));
        Same(a / 2.0, a.Over(2.0));
        Same(integers % 3, integers.Modulo(3));
        Same(a.abs().pow(0.7), a.abs().Power(0.7));
        Same(a.square(), a.Power(2));
        Same(a.ge(0), a.AtLeast(0));
        Same(a < 0.25, a.Below(0.25));
        Same(a.masked_fill(a.lt(0), double.NegativeInfinity), a.FilledWhere(a.lt(0), double.NegativeInfinity));
        Same(full(5, 7, -1e38, ScalarType.Float32), ScalarArithmetic.Filled(5, 7, -1e38, ScalarType.Float32));
        Same(full_like(integers, 9), ScalarArithmetic.FilledLike(integers, 9));
        Same(arange(64, ScalarType.Float32), ScalarArithmetic.Range(64, ScalarType.Float32));
        Same(a.clone().mul_(0.9).add_(b, alpha: 0.1), a.clone().TimesInPlace(0.9).PlusInPlace(b, alpha: 0.1));
    }

    private static void Same(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.dtype, actual.dtype);
        Assert.Equal(expected.shape, actual.shape);
        Assert.True(expected.eq(actual).all().item<bool>(), $"{expected.ToString(TorchSharp.TensorStringStyle.Julia)} != {actual.ToString(TorchSharp.TensorStringStyle.Julia)}");
    }
}
