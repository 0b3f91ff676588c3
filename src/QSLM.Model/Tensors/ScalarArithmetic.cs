using TorchSharp;
using static TorchSharp.torch;

namespace QSLM.Model.Tensors;

/// <summary>
/// Tensor arithmetic with numbers, each TorchSharp <see cref="Scalar"/> kept alive until libtorch has
/// read it. A Scalar is a native object freed by its finalizer, and TorchSharp hands libtorch only its
/// handle: a temporary one (<c>t * 0.5</c>, <c>1 - t</c>, and <c>a + b</c>, which is <c>a.add(b, 1)</c>)
/// is unreachable for the whole native call, so a garbage collection then lets the finalizer thread free
/// it while libtorch reads it ("Expected false to be true, but got false", "Unknown scalar type").
/// Here every Scalar is disposed after the call (so it lives through it) or is a constant held for the
/// life of the process. The operations are the ones TorchSharp's operators run, so results are unchanged.
/// </summary>
public static class ScalarArithmetic
{
    private static readonly Scalar One = 1.ToScalar();

    /// <summary><c>a + b</c>.</summary>
    public static Tensor Plus(this Tensor a, Tensor b) => a.add(b, One);

    /// <summary><c>a + b</c>.</summary>
    public static Tensor Plus(this Tensor a, double b)
    {
        using var s = b.ToScalar();
        return a.add(s, One);
    }

    /// <summary><c>a + b</c> for an integer <paramref name="b"/> (an integer tensor stays integer).</summary>
    public static Tensor Plus(this Tensor a, long b)
    {
        using var s = b.ToScalar();
        return a.add(s, One);
    }

    /// <summary><c>a − b</c>.</summary>
    public static Tensor Minus(this Tensor a, double b)
    {
        using var s = b.ToScalar();
        return a.sub(s);
    }

    /// <summary><c>a − b</c> for an integer <paramref name="b"/> (an integer tensor stays integer).</summary>
    public static Tensor Minus(this Tensor a, long b)
    {
        using var s = b.ToScalar();
        return a.sub(s);
    }

    /// <summary><c>a − t</c>, as TorchSharp's <c>a - t</c> computes it (<c>−t + a</c>).</summary>
    public static Tensor Minus(this double a, Tensor t)
    {
        using var s = a.ToScalar();
        return t.negative().add(s, One);
    }

    /// <summary><c>a · b</c>.</summary>
    public static Tensor Times(this Tensor a, double b)
    {
        using var s = b.ToScalar();
        return a.mul(s);
    }

    /// <summary><c>a / b</c>.</summary>
    public static Tensor Over(this Tensor a, double b)
    {
        using var s = b.ToScalar();
        return a.div(s);
    }

    /// <summary><c>a mod b</c> for an integer <paramref name="b"/>.</summary>
    public static Tensor Modulo(this Tensor a, long b)
    {
        using var s = b.ToScalar();
        return a.remainder(s);
    }

    /// <summary><c>aᵉ</c> (<c>square()</c> is <c>pow(2)</c>).</summary>
    public static Tensor Power(this Tensor a, double exponent)
    {
        using var s = exponent.ToScalar();
        return a.pow(s);
    }

    /// <summary><c>a ≥ b</c>, element-wise.</summary>
    public static Tensor AtLeast(this Tensor a, double b)
    {
        using var s = b.ToScalar();
        return a.ge(s);
    }

    /// <summary>A (rows, columns) tensor of <paramref name="value"/>.</summary>
    public static Tensor Filled(long rows, long columns, double value, ScalarType dtype)
    {
        using var s = value.ToScalar();
        return full(rows, columns, s, dtype);
    }

    /// <summary>0, 1, …, <paramref name="count"/> − 1.</summary>
    public static Tensor Range(long count, ScalarType dtype)
    {
        using var start = 0L.ToScalar();
        using var stop = count.ToScalar();
        return arange(start, stop, One, dtype);
    }

    /// <summary><c>a ·= b</c>, in place.</summary>
    public static Tensor TimesInPlace(this Tensor a, double b)
    {
        using var s = b.ToScalar();
        return a.mul_(s);
    }

    /// <summary><c>a += alpha · b</c>, in place.</summary>
    public static Tensor PlusInPlace(this Tensor a, Tensor b, double alpha)
    {
        using var s = alpha.ToScalar();
        return a.add_(b, s);
    }

    /// <summary><c>a ≠ b</c>, element-wise.</summary>
    public static Tensor NotEqualTo(this Tensor a, double b)
    {
        using var s = b.ToScalar();
        return a.ne(s);
    }

    /// <summary><paramref name="a"/> clamped to [<paramref name="min"/>, <paramref name="max"/>], element-wise.</summary>
    public static Tensor Clamped(this Tensor a, double min, double max)
    {
        using var low = min.ToScalar();
        using var high = max.ToScalar();
        return a.clamp(low, high);
    }

    /// <summary><c>a &lt; b</c>, element-wise.</summary>
    public static Tensor Below(this Tensor a, double b)
    {
        using var s = b.ToScalar();
        return a.lt(s);
    }

    /// <summary><paramref name="a"/> with <paramref name="value"/> where <paramref name="mask"/> is set.</summary>
    public static Tensor FilledWhere(this Tensor a, Tensor mask, double value)
    {
        using var s = value.ToScalar();
        return a.masked_fill(mask, s);
    }

    /// <summary>A tensor shaped and typed like <paramref name="like"/>, every element <paramref name="value"/>.</summary>
    public static Tensor FilledLike(Tensor like, long value)
    {
        using var s = value.ToScalar();
        return full_like(like, s);
    }
}
