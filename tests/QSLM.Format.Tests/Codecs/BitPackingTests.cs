using QSLM.Format.Codecs;

namespace QSLM.Format.Tests.Codecs;

public class BitPackingTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Pack_then_unpack_returns_the_codes_for_any_length(int bits)
    {
        var rng = new Random(bits);
        foreach (var count in new[] { 1, 2, 7, 8, 9, 31, 32, 33, 100 })
        {
            var codes = Enumerable.Range(0, count).Select(_ => (byte)rng.Next(1 << bits)).ToArray();
            var packed = new byte[BitPacking.PackedLength(count, bits)];
            BitPacking.Pack(codes, bits, packed);
            var back = new byte[count];
            BitPacking.Unpack(packed, bits, back);
            Assert.Equal(codes, back);
        }
    }

    [Fact]
    public void First_code_sits_in_the_lowest_bits_of_the_first_byte()
    {
        var packed = new byte[2];
        BitPacking.Pack(new byte[] { 0b101, 0b011, 0b111 }, 3, packed);
        // 101 | 011<<3 | 111<<6 = 0b1_1101_1101 -> bytes 0xDD, 0x01
        Assert.Equal(new byte[] { 0xDD, 0x01 }, packed);
    }
}
