using QSLM.Errors;
using QSLM.Search.Hierarchy;

namespace QSLM.Search.Tests.Hierarchy;

public class ModelHierarchyTests
{
    internal static ModelHierarchy Of(int layers, int width, int vocab = 50, bool lmHead = true, int classes = 0) =>
        ModelHierarchy.FromTensors(ReferenceLayout.For(layers, width, vocab, lmHead, classes).Select(kv => (kv.Key, kv.Value)));

    [Theory]
    [InlineData(2, 32)]
    [InlineData(5, 64)]
    public void Blocks_are_input_then_each_spikegpt_block_then_output_for_any_depth(int layers, int width)
    {
        var h = Of(layers, width, classes: 2);
        Assert.Equal(["input", .. Enumerable.Range(0, layers).Select(i => $"blocks.{i}"), "output"], h.Blocks.Select(b => b.Name));
        Assert.Equal(["emb", "blocks.0.ln0"], h.Block("input").Modules.Select(m => m.Name));
        Assert.Equal(["ln_out", "head", "cls"], h.Block("output").Modules.Select(m => m.Name));
        Assert.Equal(ReferenceLayout.For(layers, width, 50, true, 2).Values.Sum(s => s.Aggregate(1L, (a, b) => a * b)), h.Parameters);
    }

    [Fact]
    public void A_block_has_its_matrices_its_time_vectors_and_layernorms_as_modules()
    {
        var block = Of(2, 32).Block("blocks.1");
        Assert.Equal(
            ["blocks.1.ln1", "blocks.1.ln2", "blocks.1.att.time", "blocks.1.att.key", "blocks.1.att.value", "blocks.1.att.receptance", "blocks.1.att.output",
             "blocks.1.ffn.time", "blocks.1.ffn.key", "blocks.1.ffn.receptance", "blocks.1.ffn.value"],
            block.Modules.Select(m => m.Name));
        Assert.Equal(["blocks.1.att.time_decay", "blocks.1.att.time_first", "blocks.1.att.time_mix_k", "blocks.1.att.time_mix_v", "blocks.1.att.time_mix_r"],
            block.Modules.Single(m => m.Name == "blocks.1.att.time").Tensors.Select(t => t.Name));
        Assert.Equal(7, block.Searchable.Count());
        Assert.All(block.Searchable, m => Assert.Single(m.Tensors));
        Assert.Contains(Of(2, 32, classes: 2).Block("output").Searchable, m => m.Name == "cls");
    }

    [Fact]
    public void Every_module_pattern_matches_exactly_its_own_tensors()
    {
        var h = Of(12, 32, classes: 2);
        var names = h.Modules.SelectMany(m => m.Tensors.Select(t => t.Name)).ToList();
        foreach (var module in h.Modules)
        {
            var assignment = Format.Formats.PrecisionAssignment.Parse($"{module.Pattern}=int8");
            Assert.Equal(module.Tensors.Select(t => t.Name).Order(), names.Where(n => assignment.FormatOf(n).Name == "int8").Order());
        }
    }

    [Fact]
    public void A_tensor_outside_the_spikegpt_layout_is_refused_by_name()
    {
        var e = Assert.Throws<InputException>(() => ModelHierarchy.FromTensors([("emb.weight", [10, 4]), ("encoder.layer.0.weight", [4, 4])]));
        Assert.Contains("encoder.layer.0.weight", e.Message);
    }
}
