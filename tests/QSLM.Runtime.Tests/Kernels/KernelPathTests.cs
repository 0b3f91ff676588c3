using System.Runtime.Intrinsics.X86;
using QSLM.Format.Codecs;
using QSLM.Format.Formats;
using QSLM.Format.Packed;
using QSLM.Runtime.Inference;
using QSLM.Runtime.Kernels;

namespace QSLM.Runtime.Tests.Kernels;

/// <summary>The kernel path is the runtime's one SIMD switch: it decides how codecs decode too, so the scalar
/// reference (and the 128-bit path) never decode with AVX2, whatever the processor has.</summary>
public sealed class KernelPathTests
{
    public static TheoryData<string> IntegerFormats() =>
        [.. QuantFormats.All.Where(f => f.Scheme is QuantScheme.Symmetric or QuantScheme.Asymmetric).Select(f => f.Name)];

    private static bool DecodesWithAvx2(IQuantCodec codec) => Assert.IsType<GroupedIntCodec>(codec).DecodesWithAvx2;

    [Theory]
    [MemberData(nameof(IntegerFormats))]
    public void Only_the_256_bit_path_lets_a_codec_decode_with_avx2(string name)
    {
        var format = QuantFormats.Get(name);
        Assert.False(DecodesWithAvx2(KernelPaths.CodecFor(format, KernelPath.Scalar)));
        Assert.False(DecodesWithAvx2(KernelPaths.CodecFor(format, KernelPath.Vector128)));
        Assert.Equal(Avx2.IsSupported, DecodesWithAvx2(KernelPaths.CodecFor(format, KernelPath.Vector256)));
    }

    [Theory]
    [MemberData(nameof(IntegerFormats))]
    public void The_row_decoding_kernel_decodes_without_avx2_on_the_scalar_and_128_bit_paths(string name)
    {
        var kernel = new RowDecodeKernel(QuantFormats.Get(name));
        Assert.False(DecodesWithAvx2(kernel.CodecFor(KernelPath.Scalar)));
        Assert.False(DecodesWithAvx2(kernel.CodecFor(KernelPath.Vector128)));
        Assert.Equal(Avx2.IsSupported, DecodesWithAvx2(kernel.CodecFor(KernelPath.Vector256)));
    }

    [Fact]
    public void An_embedding_row_is_decoded_without_avx2_on_the_scalar_path_and_to_the_same_floats()
    {
        using var temp = new TemporaryFolder();
        using var model = PackedModel.Open(TinySpikeGpt.Write(temp.File("int4.qslm"), format: "int4_g32"));
        var embedding = new PackedMatrix(model, "emb.weight");
        Assert.False(DecodesWithAvx2(embedding.DecodingCodec(KernelPath.Scalar)));
        Assert.Equal(Avx2.IsSupported, DecodesWithAvx2(embedding.DecodingCodec(KernelPath.Vector256)));
        var scalar = new float[embedding.Columns];
        var wide = new float[embedding.Columns];
        embedding.DecodeRow(7, scalar, KernelPath.Scalar);
        embedding.DecodeRow(7, wide, KernelPath.Vector256);
        Assert.Equal(scalar, wide);
    }
}
