using QSLM.Format.Formats;
using QSLM.Format.Packed;
using QSLM.Model.Checkpoints;
using QSLM.Model.Quantization;
using static TorchSharp.torch;

namespace QSLM.Model.Tests.Quantization;

public sealed class FakeQuantizerTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-fq-");

    private string _dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Packed_file_decodes_bit_for_bit_to_the_host_fake_quant_weights_for_every_format_on_the_reference_model()
    {
        using var model = SpikeGptCheckpoint.Load(RepositoryFiles.ReferenceLm);
        var original = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        foreach (var format in QuantFormats.All)
        {
            // Every tensor of the reference LM (embedding, matrices, LayerNorm, time_decay/first,
            // 1x1xC mixes, head) in one format.
            var assignment = PrecisionAssignment.Parse($"*={format.Name}");
            using (no_grad())
            {
                foreach (var (name, tensor) in model.state_dict()) tensor.copy_(original[name]);
            }
            var path = Path.Combine(_dir, format.Name + ".qslm");
            ModelPacker.Pack(model, assignment, "test", path);
            FakeQuantizer.Apply(model, assignment);
            using (var packed = PackedModel.Open(path))
            {
                foreach (var (name, tensor) in model.state_dict())
                {
                    var host = FakeQuantizer.Values(tensor);
                    var board = packed.Decode(name);
                    Assert.True(host.AsSpan().SequenceEqual(board), $"{format.Name}: {name} differs");
                }
            }
            File.Delete(path);
        }
    }

    [Fact]
    public void Footprint_equals_the_packed_file_size_without_writing_it()
    {
        using var model = SpikeGptForwardTests.ActiveModel(dtype: ScalarType.Float32);
        var assignment = PrecisionAssignment.Parse("emb.weight=sign1,blocks.*.att.*.weight=int3_g32,*=int8_g64_asym");
        var predicted = ModelPacker.Footprint(model, assignment, "v");
        var path = Path.Combine(_dir, "f.qslm");
        ModelPacker.Pack(model, assignment, "v", path);
        Assert.Equal(predicted, new FileInfo(path).Length);
    }

    [Fact]
    public void The_sign_format_leaves_the_spiking_embedding_and_so_every_output_unchanged()
    {
        using var model = SpikeGptForwardTests.ActiveModel(dtype: ScalarType.Float32);
        random.manual_seed(3);
        var tokens = randint(0, 40, [2, 12]);
        var before = model.LmLogits(model.Forward(tokens).Features);
        FakeQuantizer.Apply(model, PrecisionAssignment.Parse("emb.weight=sign1"));
        var after = model.LmLogits(model.Forward(tokens).Features);
        TensorAssert.Identical(before, after, "logits");
    }

    [Fact]
    public void Fp32_assignment_leaves_the_model_untouched()
    {
        using var model = SpikeGptForwardTests.ActiveModel(dtype: ScalarType.Float32);
        var before = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        FakeQuantizer.Apply(model, PrecisionAssignment.Fp32);
        foreach (var (name, t) in model.state_dict()) TensorAssert.Identical(before[name], t, name);
    }
}
