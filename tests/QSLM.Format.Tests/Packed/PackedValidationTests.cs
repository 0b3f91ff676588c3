using System.Text;
using QSLM.Format.Packed;
using QSLM.Format.Tests.Packed.Damage;

namespace QSLM.Format.Tests.Packed;

/// <summary>The lies and overflows a hostile but validly signed file can tell, each refused by name.</summary>
public sealed class PackedValidationTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-validate-");

    public void Dispose() => _temp.Dispose();

    private string Base() => DamagedFiles.WriteBase(_temp.File("m.qslm"));

    private static string Refused(string path)
    {
        var error = Assert.Throws<PackedFileException>(() => PackedModel.Open(path).Dispose());
        Assert.StartsWith(path + ": ", error.Message);
        Assert.Throws<PackedFileException>(() => PackedModel.CheckLayout(path));
        return error.Message;
    }

    private static PackedManifest WithTensor(PackedManifest m, string name, Func<PackedTensorEntry, PackedTensorEntry> edit) =>
        m with { Tensors = m.Tensors.Select(t => t.Name == name ? edit(t) : t).ToList() };

    [Fact]
    public void An_fp32_entry_whose_row_bytes_wrap_negative_is_refused_with_the_file_named()
    {
        var path = Base();
        // 6917529028177952767 x 4 bytes wraps to -4611686018427387900: a length that passed the old check.
        PackedForge.Forge(path, m => WithTensor(m, "ln_out.bias", t => t with { Shape = [1, 6917529028177952767], Format = "fp32", FormatId = 1, Length = unchecked(6917529028177952767L * 4) }));
        Assert.Contains("'ln_out.bias' has shape [1,6917529028177952767], too large to address", Refused(path));
    }

    [Fact]
    public void An_extra_tensor_of_two_to_the_62_elements_and_length_0_is_refused()
    {
        var path = Base();
        PackedForge.Forge(path, m => m with { Tensors = [.. m.Tensors, new PackedTensorEntry("extra", [1L << 62], "fp32", 1, 0, 0, "00000000")] });
        Assert.Contains("'extra' has shape [4611686018427387904], too large to address", Refused(path));
    }

    [Fact]
    public void A_negative_length_is_refused()
    {
        var path = Base();
        PackedForge.Forge(path, m => WithTensor(m, "emb.weight", t => t with { Length = -t.Length }));
        Assert.Contains("'emb.weight' declares -", Refused(path));
    }

    [Fact]
    public void A_six_block_file_that_claims_one_block_is_refused()
    {
        var path = Base(); // two blocks
        PackedForge.Forge(path, m => m with { Architecture = m.Architecture with { Layers = 1 } });
        Assert.Contains("tensor 'blocks.1.ln1.weight' is not part of a SpikeGPT of 1 blocks", Refused(path));
    }

    [Fact]
    public void A_class_count_of_zero_beside_a_classifier_is_refused()
    {
        var path = Base();
        PackedForge.Forge(path, m => m with { Architecture = m.Architecture with { ClassCount = 0 } });
        Assert.Contains("tensor 'cls.weight' is not part of a SpikeGPT", Refused(path));
    }

    [Fact]
    public void A_tensor_renamed_consistently_is_refused()
    {
        var path = Base();
        PackedForge.Forge(path, m => WithTensor(m, "blocks.1.att.key.weight", t => t with { Name = "blocks.1.att.query.weight" }));
        Assert.Contains("tensor 'blocks.1.att.query.weight' is not part of a SpikeGPT", Refused(path));
    }

    [Fact]
    public void A_missing_tensor_is_named()
    {
        var path = Base();
        PackedForge.Forge(path, m => m with { Tensors = m.Tensors.Where(t => t.Name != "head.weight").ToList() });
        Assert.Contains("lacks head.weight", Refused(path));
    }

    [Fact]
    public void A_second_tensors_key_is_refused()
    {
        var path = Base();
        var parts = PackedForge.Read(File.ReadAllBytes(path));
        var json = Encoding.UTF8.GetString(PackedFileLayout.SerializeManifest(parts.Manifest));
        File.WriteAllBytes(path, PackedForge.Assemble(Encoding.UTF8.GetBytes(json[..^1] + ",\"tensors\":[]}"), parts.Payload));
        Assert.Contains("manifest is not valid JSON", Refused(path));
    }

    [Fact]
    public void An_unknown_manifest_key_is_refused()
    {
        var path = Base();
        var parts = PackedForge.Read(File.ReadAllBytes(path));
        var json = Encoding.UTF8.GetString(PackedFileLayout.SerializeManifest(parts.Manifest));
        File.WriteAllBytes(path, PackedForge.Assemble(Encoding.UTF8.GetBytes(json[..^1] + ",\"Tensors\":[]}"), parts.Payload));
        Assert.Contains("manifest is not valid JSON", Refused(path));
    }

    [Theory]
    [InlineData(0x7FC0_0000u)]
    [InlineData(0x7F80_0000u)]
    [InlineData(0xFF80_0000u)]
    public void A_non_finite_fp32_classifier_bias_is_refused(uint bits)
    {
        var path = Base();
        var parts = PackedForge.Read(File.ReadAllBytes(path));
        var bias = parts.Manifest.Tensors.Single(t => t.Name == "cls.bias");
        Assert.Equal("fp32", bias.Format);
        BitConverter.TryWriteBytes(parts.Payload.AsSpan((int)bias.Offset + 4), bits);
        File.WriteAllBytes(path, PackedForge.Assemble(PackedFileLayout.SerializeManifest(PackedForge.Recrc(parts.Manifest, parts.Payload)), parts.Payload));
        Assert.Contains("tensor 'cls.bias' holds a non-finite value 1", Open(path));
        PackedModel.CheckLayout(path); // values are not its business
    }

    [Fact]
    public void A_nan_group_scale_is_refused()
    {
        var path = Base();
        var parts = PackedForge.Read(File.ReadAllBytes(path));
        var grouped = parts.Manifest.Tensors.First(t => t.Format == "int4_g32");
        BitConverter.TryWriteBytes(parts.Payload.AsSpan((int)grouped.Offset), (ushort)0x7E00);
        File.WriteAllBytes(path, PackedForge.Assemble(PackedFileLayout.SerializeManifest(PackedForge.Recrc(parts.Manifest, parts.Payload)), parts.Payload));
        Assert.Contains($"tensor '{grouped.Name}' holds a non-finite scale or minimum of group 0", Open(path));
    }

    [Fact]
    public void A_tensor_name_holding_an_escape_sequence_is_refused_and_never_printed_raw()
    {
        var path = Base();
        PackedForge.Forge(path, m => WithTensor(m, "ln_out.bias", t => t with { Name = "ln_out.bias\u001b]0;owned\u0007\u001b[2J" }));
        var message = Refused(path);
        Assert.Contains("'ln_out.bias\\u001b]0;owned\\u0007\\u001b[2J' is not part of a SpikeGPT", message);
        Assert.DoesNotContain('\u001b', message);
        Assert.DoesNotContain('\u0007', message);
    }

    [Fact]
    public void A_vocabulary_hash_holding_an_escape_sequence_is_refused_and_never_printed_raw()
    {
        var path = Base();
        PackedForge.Forge(path, m => m with { VocabularyHash = "\u001b[2Jabc" });
        var message = Refused(path);
        Assert.Contains("vocabulary hash '\\u001b[2Jabc' is not", message);
        Assert.DoesNotContain('\u001b', message);
    }

    [Fact]
    public void Bytes_hidden_in_the_padding_are_refused()
    {
        var path = Base();
        var parts = PackedForge.Read(File.ReadAllBytes(path));
        var padded = parts.Manifest.Tensors.First(t => t.Length % PackedFileLayout.Alignment != 0);
        parts.Payload[padded.Offset + padded.Length] = 0x42;
        File.WriteAllBytes(path, PackedForge.Assemble(PackedFileLayout.SerializeManifest(parts.Manifest), parts.Payload));
        Assert.Contains($"the padding after tensor '{padded.Name}' is not zero", Open(path));
    }

    [Fact]
    public void The_writer_refuses_tensors_that_are_not_those_of_the_architecture()
    {
        var model = PackedModel.Open(Base());
        var tensors = model.Manifest.Tensors.Select(t => new PackedModelWriter.TensorData(new PackedFileLayout.TensorSpec(t.Name, t.Shape, model.FormatOf(t.Name)), model.Decode(t.Name))).ToList();
        var architecture = model.Manifest.Architecture;
        model.Dispose();
        Assert.Contains("not part of", Assert.Throws<ArgumentException>(() => PackedModelWriter.Write(_temp.File("w.qslm"), architecture with { Layers = 1 }, "h", tensors)).Message);
        Assert.Contains("lacks cls.bias", Assert.Throws<ArgumentException>(() => PackedModelWriter.Write(_temp.File("w.qslm"), architecture, "h", tensors.SkipLast(1).ToList())).Message);
        var nan = tensors.Select(t => t.Spec.Name == "cls.bias" ? t with { Values = [float.NaN, 0] } : t).ToList();
        Assert.Contains("not finite", Assert.Throws<ArgumentException>(() => PackedModelWriter.Write(_temp.File("w.qslm"), architecture, "h", nan)).Message);
        Assert.False(File.Exists(_temp.File("w.qslm")));
    }

    private static string Open(string path) => Assert.Throws<PackedFileException>(() => PackedModel.Open(path).Dispose()).Message;
}
