using QSLM.Format.Codecs;

namespace QSLM.Format.Tests.Codecs;

public class ActivationQuantizationTests
{
    [Fact]
    public void A_groups_scale_is_its_largest_magnitude_over_127_and_codes_round_half_to_even()
    {
        // Largest magnitude 254, so the scale is exactly 2: 1 → 0.5 → 0 and 3 → 1.5 → 2 (ties to even),
        // −5 → −2.5 → −2, 254 → 127, −254 → −127.
        var x = new float[32];
        x[0] = 1f;
        x[1] = 3f;
        x[2] = -5f;
        x[3] = 254f;
        x[4] = -254f;
        x[5] = 2.2f;
        var codes = new sbyte[32];
        var scales = new float[1];
        ActivationQuantization.Quantize(x, codes, scales);
        Assert.Equal(2f, scales[0]);
        Assert.Equal(new sbyte[] { 0, 2, -2, 127, -127, 1 }, codes[..6]);
        Assert.All(codes[6..], c => Assert.Equal(0, c));
    }

    [Fact]
    public void Each_group_of_32_has_its_own_scale_and_a_shorter_last_group_too()
    {
        var x = Enumerable.Range(0, 70).Select(i => i < 32 ? 0.5f : i < 64 ? -100f : 3f).ToArray();
        var codes = new sbyte[70];
        var scales = new float[ActivationQuantization.Groups(70)];
        ActivationQuantization.Quantize(x, codes, scales);
        Assert.Equal(3, scales.Length);
        Assert.Equal(new[] { 0.5f / 127, 100f / 127, 3f / 127 }, scales);
        Assert.All(codes, c => Assert.Equal(127, Math.Abs((int)c)));
    }

    [Fact]
    public void A_group_of_zeros_has_scale_zero_and_a_group_with_nan_makes_every_product_nan()
    {
        var x = new float[64];
        x[40] = float.NaN;
        x[41] = 7f;
        var codes = Enumerable.Repeat((sbyte)9, 64).ToArray();
        var scales = new float[2];
        ActivationQuantization.Quantize(x, codes, scales);
        Assert.Equal(0f, scales[0]);
        Assert.True(float.IsNaN(scales[1]));
        Assert.All(codes, c => Assert.Equal(0, c));
        Assert.True(float.IsNaN(scales[1] * codes[41]));
    }

    [Fact]
    public void Dequantized_values_are_within_half_a_step_of_the_input()
    {
        var random = new Random(4);
        var x = Enumerable.Range(0, 96).Select(_ => (float)(random.NextDouble() * 6 - 3)).ToArray();
        var codes = new sbyte[96];
        var scales = new float[3];
        ActivationQuantization.Quantize(x, codes, scales);
        for (var i = 0; i < x.Length; i++)
        {
            var step = scales[i / 32];
            Assert.True(Math.Abs(codes[i] * step - x[i]) <= step / 2 * (1 + 1e-6), $"element {i}");
        }
    }
}
