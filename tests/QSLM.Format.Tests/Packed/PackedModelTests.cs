using QSLM.Format.Codecs;
using QSLM.Format.Formats;
using QSLM.Format.Packed;

namespace QSLM.Format.Tests.Packed;

public sealed class PackedModelTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-pack-");

    private string _dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Every_format_decodes_bit_for_bit_to_the_host_fake_quant_values()
    {
        var names = QuantFormats.All.Select(f => f.Name).ToArray();
        var seen = new HashSet<string>();
        // Each file holds fewer tensors than there are formats: shift the formats until every one was stored.
        for (var shift = 0; shift < names.Length; shift += PackedFixtures.TensorCount)
        {
            var tensors = PackedFixtures.Tensors(names, shift);
            var path = Path.Combine(_dir, "all.qslm");
            PackedModelWriter.Write(path, PackedFixtures.Architecture, "hash", tensors);
            using var model = PackedModel.Open(path);
            foreach (var t in tensors)
            {
                var expected = QuantCodecs.RoundTrip(t.Spec.Format, t.Values, (int)t.Spec.Rows, (int)t.Spec.Columns);
                var decoded = model.Decode(t.Spec.Name);
                Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), decoded.Select(BitConverter.SingleToInt32Bits));
                seen.Add(t.Spec.Format.Name);
            }
        }
        Assert.Equal(names.Length, seen.Count);
    }

    [Fact]
    public void Footprint_computed_without_writing_equals_the_file_size()
    {
        foreach (var formats in new[] { new[] { "fp32" }, ["int4_g32", "sign1", "fp16"], QuantFormats.All.Select(f => f.Name).ToArray() })
        {
            var tensors = PackedFixtures.Tensors(formats);
            var predicted = PackedFileLayout.FileSize(PackedFixtures.Architecture, "h", tensors.Select(t => t.Spec).ToList());
            var path = Path.Combine(_dir, "size.qslm");
            PackedModelWriter.Write(path, PackedFixtures.Architecture, "h", tensors);
            Assert.Equal(predicted, new FileInfo(path).Length);
        }
    }

    [Fact]
    public void Tensors_are_64_byte_aligned_and_the_manifest_describes_them()
    {
        using var model = PackedModel.Open(PackedFixtures.WriteSmall(_dir));
        Assert.All(model.Manifest.Tensors, t => Assert.Equal(0, t.Offset % 64));
        Assert.Equal("int4_g32", model.Manifest.Tensors[1].Format);
        Assert.Equal((ushort)29, model.Manifest.Tensors[1].FormatId);
        Assert.Equal(PackedFixtures.Architecture, model.Manifest.Architecture);
        Assert.Equal(8, model.Manifest.Tensors[0].Crc32.Length);
    }

    [Fact]
    public void Writing_replaces_the_file_atomically_and_leaves_no_temporary()
    {
        var path = PackedFixtures.WriteSmall(_dir);
        PackedFixtures.WriteSmall(_dir);
        Assert.Single(Directory.GetFiles(_dir));
        using var model = PackedModel.Open(path);
    }
}
