using static TorchSharp.torch;

namespace QSLM.Model.Tests;

public class SpikeGptLayoutTests
{
    [Theory]
    [InlineData(2, 16, 50)]
    [InlineData(3, 24, 97)]
    public void Parameter_names_and_shapes_equal_the_reference_layout(int layers, int width, int vocab)
    {
        using var model = new SpikeGpt(new SpikeGptConfig(layers, width, vocab));
        var actual = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.shape);
        var expected = ReferenceLayout.For(layers, width, vocab);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, shape) in expected) Assert.True(shape.SequenceEqual(actual[key]), $"{key}: [{string.Join(",", actual[key])}]");
    }

    [Fact]
    public void Classifier_adds_only_the_cls_head_and_drops_the_lm_head()
    {
        using var model = new SpikeGpt(new SpikeGptConfig(2, 16, 50, HasLmHead: false, ClassCount: 2));
        var expected = ReferenceLayout.For(2, 16, 50, lmHead: false, classes: 2);
        Assert.Equal(string.Join(" ", expected.Keys.Order(StringComparer.Ordinal)), string.Join(" ", model.state_dict().Keys.Order(StringComparer.Ordinal)));
    }

    [Theory]
    [InlineData(2, 16, 50, true, 0)]
    [InlineData(1, 8, 10, false, 3)]
    [InlineData(3, 24, 97, true, 2)]
    public void The_state_dict_is_exactly_the_packed_file_table_that_the_reader_checks(int layers, int width, int vocab, bool lmHead, int classes)
    {
        using var model = new SpikeGpt(new SpikeGptConfig(layers, width, vocab, lmHead, classes));
        var state = model.state_dict().Select(kv => (kv.Key, kv.Value.shape)).ToList();
        Assert.Null(QSLM.Format.Packed.SpikeGptTensors.Mismatch(QSLM.Model.Quantization.ModelPacker.Architecture(model.Config), state));
    }

    [Fact]
    public void Parameter_count_matches_the_formula()
    {
        const int L = 3, C = 24, V = 97;
        using var model = new SpikeGpt(new SpikeGptConfig(L, C, V));
        var perBlock = 4L * C * C + 9L * C * C + 2 * C + 3 * C + 2 * C + 4 * C; // att, ffn, decay/first, 3 att mixes, 2 ffn mixes, ln1/ln2
        var expected = 2L * V * C + L * perBlock + 2 * C + 2 * C; // emb+head, blocks, ln0, ln_out
        Assert.Equal(expected, model.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Token_ids_outside_the_vocabulary_are_refused()
    {
        using var model = new SpikeGpt(new SpikeGptConfig(1, 8, 10));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.Forward(tensor(new long[] { 3, 10 }).reshape(1, 2)));
        Assert.Contains("10", error.Message);
    }
}
