using QSLM.Errors;
using QSLM.Model.Checkpoints;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace QSLM.Model.Tests.Checkpoints;

public sealed class SpikeGptCheckpointTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-ckpt-");

    private string _dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("model.safetensors")]
    [InlineData("model.pt")]
    [InlineData("model.pth")]
    public void Save_then_load_round_trips_every_tensor_exactly(string name)
    {
        using var model = SpikeGptForwardTests.ActiveModel(dtype: ScalarType.Float32);
        var path = Path.Combine(_dir, name);
        SpikeGptCheckpoint.Save(model, path);
        using var loaded = SpikeGptCheckpoint.Load(path);
        Assert.Equal(model.Config, loaded.Config);
        var expected = model.state_dict();
        foreach (var (key, tensor) in loaded.state_dict())
        {
            TensorAssert.Identical(expected[key], tensor, key);
        }
    }

    [Fact]
    public void A_pt_state_dict_written_with_the_reference_key_names_loads_and_its_shape_is_inferred()
    {
        // Tensors built from the reference layout alone, not from our model, pickled the way
        // torch.save(state_dict) writes them.
        random.manual_seed(1);
        var layout = ReferenceLayout.For(layers: 3, width: 8, vocab: 21);
        var tensors = layout.ToDictionary(kv => kv.Key, kv => randn(kv.Value));
        var path = Path.Combine(_dir, "reference.pth");
        PyTorchPickler.PickleStateDict(path, tensors);

        using var model = SpikeGptCheckpoint.Load(path);
        Assert.Equal(new SpikeGptConfig(3, 8, 21), model.Config);
        TensorAssert.Identical(tensors["blocks.2.ffn.value.weight"], model.state_dict()["blocks.2.ffn.value.weight"], "blocks.2.ffn.value.weight");
    }

    [Fact]
    public void A_mis_shaped_checkpoint_is_refused_naming_the_offending_keys()
    {
        var layout = ReferenceLayout.For(layers: 2, width: 8, vocab: 21);
        var tensors = layout.ToDictionary(kv => kv.Key, kv => zeros(kv.Value));
        tensors["blocks.1.att.key.weight"] = zeros(8, 9);
        tensors.Remove("blocks.0.ln2.bias");
        tensors["blocks.0.att.bogus"] = zeros(3);
        var path = Path.Combine(_dir, "bad.safetensors");
        CheckpointFile.Write(path, tensors);

        var error = Assert.Throws<InputException>(() => SpikeGptCheckpoint.Load(path));
        Assert.Contains("mis-shaped blocks.1.att.key.weight: [8x9], expected [8x8]", error.Message);
        Assert.Contains("missing blocks.0.ln2.bias", error.Message);
        Assert.Contains("unexpected blocks.0.att.bogus", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void An_unreadable_checkpoint_is_refused_with_its_path()
    {
        var path = Path.Combine(_dir, "garbage.safetensors");
        File.WriteAllBytes(path, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        var error = Assert.Throws<InputException>(() => SpikeGptCheckpoint.Load(path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_missing_checkpoint_is_refused_with_its_path()
    {
        var path = Path.Combine(_dir, "nope.safetensors");
        var error = Assert.Throws<InputException>(() => SpikeGptCheckpoint.Load(path));
        Assert.Equal($"checkpoint not found: {path}", error.Message);
    }

    [Fact]
    public void A_classifier_without_the_embedding_takes_it_from_the_shared_lm()
    {
        using var lm = SpikeGptForwardTests.ActiveModel(dtype: ScalarType.Float32);
        var lmPath = Path.Combine(_dir, "lm.safetensors");
        SpikeGptCheckpoint.Save(lm, lmPath);
        using var classifier = new SpikeGpt(lm.Config with { HasLmHead = false, ClassCount = 2 });
        var clsPath = Path.Combine(_dir, "cls.safetensors");
        SpikeGptCheckpoint.Save(classifier, clsPath, omit: new HashSet<string> { "emb.weight" });

        Assert.Throws<InputException>(() => SpikeGptCheckpoint.Load(clsPath));
        using var loaded = SpikeGptCheckpoint.Load(clsPath, lmPath);
        TensorAssert.Identical(lm.state_dict()["emb.weight"], loaded.state_dict()["emb.weight"], "emb.weight");
        Assert.Equal(2, loaded.Config.ClassCount);
    }

    [Fact]
    public void Fp16_save_stores_half_precision_values_that_load_back_as_float32()
    {
        using var model = SpikeGptForwardTests.ActiveModel(dtype: ScalarType.Float32);
        var path = Path.Combine(_dir, "half.safetensors");
        SpikeGptCheckpoint.Save(model, path, ScalarType.Float16);
        Assert.All(CheckpointFile.Read(path).Values, t => Assert.Equal(ScalarType.Float16, t.dtype));
        using var loaded = SpikeGptCheckpoint.Load(path);
        var original = model.state_dict()["head.weight"];
        var restored = loaded.state_dict()["head.weight"];
        Assert.Equal(ScalarType.Float32, restored.dtype);
        TensorAssert.Identical(original.to(ScalarType.Float16).to(ScalarType.Float32), restored, "head.weight");
    }
}
