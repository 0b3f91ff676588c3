using System.Runtime.Intrinsics;
using QSLM.Runtime.Kernels;

namespace QSLM.Runtime.Tests.Kernels;

public class HalfVectorTests
{
    [Fact]
    public void Every_finite_half_widens_to_exactly_the_float_of_a_scalar_conversion_alone_and_eight_at_a_time()
    {
        var checkedValues = 0;
        for (var start = 0; start < 65536; start += 8)
        {
            var bits = Vector256.Create(start, start + 1, start + 2, start + 3, start + 4, start + 5, start + 6, start + 7);
            var widened = HalfVector.ToSingle(bits);
            for (var k = 0; k < 8; k++)
            {
                var half = BitConverter.UInt16BitsToHalf((ushort)(start + k));
                if (!Half.IsFinite(half)) continue;
                Assert.True(BitConverter.SingleToInt32Bits((float)half) == BitConverter.SingleToInt32Bits(widened.GetElement(k)), $"half bits 0x{start + k:X4}");
                Assert.True(BitConverter.SingleToInt32Bits((float)half) == BitConverter.SingleToInt32Bits(HalfVector.ToSingle((ushort)(start + k))), $"half bits 0x{start + k:X4}, one at a time");
                checkedValues++;
            }
        }
        Assert.Equal(65536 - 2 * 1024, checkedValues);
    }
}
