using QSLM.Format.Packed;

namespace QSLM.Format.Tests.Packed;

public sealed class SpikeGptTensorsTests
{
    [Theory]
    [InlineData(1, 8, 10, true, 0)]
    [InlineData(6, 512, 50277, true, 0)]
    [InlineData(2, 16, 50, false, 2)]
    [InlineData(3, 24, 97, true, 5)]
    public void The_table_is_the_reference_state_dict_layout(int layers, int width, int vocab, bool lmHead, int classes)
    {
        var table = SpikeGptTensors.Of(new ArchitectureConfig("SpikeGPT", layers, width, vocab, lmHead, classes)).ToList();
        var reference = ReferenceLayout.For(layers, width, vocab, lmHead, classes);
        Assert.Equal(reference.Keys.Order(StringComparer.Ordinal), table.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(table, t => Assert.Equal(reference[t.Name], t.Shape));
    }

    [Fact]
    public void A_network_with_no_head_or_an_impossible_size_is_not_an_architecture()
    {
        Assert.Contains("neither", SpikeGptTensors.Invalid(new ArchitectureConfig("SpikeGPT", 1, 8, 10, false, 0)));
        Assert.NotNull(SpikeGptTensors.Invalid(new ArchitectureConfig("SpikeGPT", 0, 8, 10, true, 0)));
        Assert.NotNull(SpikeGptTensors.Invalid(new ArchitectureConfig("SpikeGPT", 1, 8, 10, true, -1)));
        Assert.Contains("not SpikeGPT", SpikeGptTensors.Invalid(new ArchitectureConfig("RWKV", 1, 8, 10, true, 0)));
    }

    [Fact]
    public void A_layer_count_beyond_the_tensor_count_is_refused_without_listing_its_blocks()
    {
        var mismatch = SpikeGptTensors.Mismatch(new ArchitectureConfig("SpikeGPT", int.MaxValue, 8, 10, true, 0), [("emb.weight", [10, 8])]);
        Assert.Contains("claims 2147483647 blocks", mismatch);
    }
}
