using System.Buffers.Binary;
using QSLM.Format.Packed;

namespace QSLM.Format.Tests.Packed;

/// <summary>Bad input never crashes and never yields a model: every corruption is a
/// <see cref="PackedFileException"/> with a message that says what is wrong.</summary>
public sealed class PackedModelCorruptionTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-corrupt-");

    private string _dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    private string Rejected(string path)
    {
        var error = Assert.Throws<PackedFileException>(() => PackedModel.Open(path).Dispose());
        Assert.StartsWith(path + ": ", error.Message);
        return error.Message;
    }

    [Fact]
    public void Truncation_at_every_length_is_rejected()
    {
        var original = File.ReadAllBytes(PackedFixtures.WriteSmall(_dir));
        var path = Path.Combine(_dir, "cut.qslm");
        for (var length = 0; length < original.Length; length++)
        {
            File.WriteAllBytes(path, original[..length]);
            var message = Rejected(path);
            Assert.Contains(length < 64 ? "smaller than the 64-byte minimum" : "truncated", message);
        }
    }

    [Fact]
    public void Every_single_bit_flip_is_rejected()
    {
        var original = File.ReadAllBytes(PackedFixtures.WriteSmall(_dir));
        var path = Path.Combine(_dir, "flip.qslm");
        for (var bit = 0; bit < original.Length * 8; bit += 7)
        {
            var bytes = (byte[])original.Clone();
            bytes[bit / 8] ^= (byte)(1 << (bit % 8));
            File.WriteAllBytes(path, bytes);
            Rejected(path);
        }
    }

    [Fact]
    public void Two_thousand_random_corruptions_are_all_rejected()
    {
        var original = File.ReadAllBytes(PackedFixtures.WriteSmall(_dir));
        var path = Path.Combine(_dir, "random.qslm");
        var rng = new Random(2026);
        for (var i = 0; i < 2000; i++)
        {
            var bytes = (byte[])original.Clone();
            switch (i % 4)
            {
                case 0: // a burst of random bytes
                    var at = rng.Next(bytes.Length);
                    for (var j = at; j < Math.Min(bytes.Length, at + 1 + rng.Next(16)); j++) bytes[j] = (byte)rng.Next(256);
                    if (bytes.AsSpan().SequenceEqual(original)) bytes[at] ^= 1;
                    break;
                case 1: // truncated and corrupted
                    bytes = bytes[..rng.Next(bytes.Length)];
                    if (bytes.Length > 0) bytes[rng.Next(bytes.Length)] ^= (byte)(1 + rng.Next(255));
                    break;
                case 2: // a random header field, re-signed so the checks behind the checksum run
                    BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8 + 8 * rng.Next(3)), rng.NextInt64());
                    PackedFixtures.Resign(bytes);
                    break;
                default: // a random manifest byte, re-signed
                    var manifestLength = (int)BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(16));
                    var k = 32 + rng.Next(manifestLength);
                    var old = bytes[k];
                    bytes[k] = (byte)"0123456789{}[]\",:ax-"[rng.Next(20)];
                    if (bytes[k] == old) bytes[k] = (byte)'#';
                    PackedFixtures.Resign(bytes);
                    break;
            }
            File.WriteAllBytes(path, bytes);
            var error = Record.Exception(() => PackedModel.Open(path).Dispose());
            if (error is null && i % 4 == 3)
            {
                // A re-signed manifest edit can still be a valid file (e.g. a digit of the
                // vocabulary hash); it must then decode every tensor without error.
                using var model = PackedModel.Open(path);
                foreach (var t in model.Manifest.Tensors) model.Decode(t.Name);
                continue;
            }
            Assert.IsType<PackedFileException>(error);
        }
    }

    [Fact]
    public void Wrong_magic_is_named()
    {
        var path = PackedFixtures.WriteSmall(_dir);
        var bytes = File.ReadAllBytes(path);
        "GGUF"u8.CopyTo(bytes);
        File.WriteAllBytes(path, bytes);
        Assert.Contains("not a QSLM packed model (magic 'GGUFPACK'", Rejected(path));
    }

    [Fact]
    public void A_newer_format_version_asks_for_an_update()
    {
        var path = PackedFixtures.WriteSmall(_dir);
        var bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), 2);
        PackedFixtures.Resign(bytes);
        File.WriteAllBytes(path, bytes);
        Assert.Contains("format version 2 is newer than this reader (version 1)", Rejected(path));
    }

    [Fact]
    public void A_declared_manifest_far_beyond_the_file_is_refused_before_any_allocation()
    {
        var path = PackedFixtures.WriteSmall(_dir);
        var bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(16), long.MaxValue / 2);
        File.WriteAllBytes(path, bytes);
        Assert.Contains("declared manifest length", Rejected(path));
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(16), 100);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(24), 1L << 40);
        File.WriteAllBytes(path, bytes);
        Assert.Contains("declared payload length", Rejected(path));
    }

    [Fact]
    public void A_flipped_payload_bit_fails_the_checksum()
    {
        var path = PackedFixtures.WriteSmall(_dir);
        var bytes = File.ReadAllBytes(path);
        bytes[^40] ^= 0x10;
        File.WriteAllBytes(path, bytes);
        Assert.Contains("SHA-256 mismatch", Rejected(path));
    }

    [Fact]
    public void Unknown_format_id_is_named()
    {
        var path = PackedFixtures.WriteSmall(_dir);
        PackedFixtures.Forge(path, m => m with { Tensors = m.Tensors.Select((t, i) => i == 1 ? t with { FormatId = 777 } : t).ToList() });
        Assert.Contains("tensor 'blocks.0.ln1.weight' has unknown format id 777", Rejected(path));
    }

    [Fact]
    public void Overlapping_tensors_are_named()
    {
        var path = PackedFixtures.WriteSmall(_dir);
        PackedFixtures.Forge(path, m => m with { Tensors = m.Tensors.Select((t, i) => i == 2 ? t with { Offset = m.Tensors[1].Offset } : t).ToList() });
        Assert.Contains("overlap", Rejected(path));
    }

    [Fact]
    public void An_offset_beyond_the_payload_is_named()
    {
        var path = PackedFixtures.WriteSmall(_dir);
        PackedFixtures.Forge(path, m => m with { Tensors = m.Tensors.Select((t, i) => i == 0 ? t with { Offset = 1L << 40 } : t).ToList() });
        Assert.Contains("tensor 'emb.weight' [1099511627776, ", Rejected(path));
    }

    [Fact]
    public void A_length_that_disagrees_with_format_and_shape_is_named()
    {
        var path = PackedFixtures.WriteSmall(_dir);
        PackedFixtures.Forge(path, m => m with { Tensors = m.Tensors.Select((t, i) => i == 3 ? t with { Shape = [16, 8] } : t).ToList() });
        Assert.Contains("tensor 'blocks.0.ln2.weight' declares", Rejected(path));
    }

    [Fact]
    public void A_shape_far_beyond_the_file_is_refused_without_allocating_it()
    {
        var path = PackedFixtures.WriteSmall(_dir);
        PackedFixtures.Forge(path, m => m with { Tensors = m.Tensors.Select((t, i) => i == 0 ? t with { Shape = [long.MaxValue / 2, 1L << 40] } : t).ToList() });
        Assert.Contains("too large", Rejected(path));
    }

    [Fact]
    public void A_mismatched_tensor_crc_is_named()
    {
        var path = PackedFixtures.WriteSmall(_dir);
        PackedFixtures.Forge(path, m => m with { Tensors = m.Tensors.Select((t, i) => i == 4 ? t with { Crc32 = "deadbeef" } : t).ToList() });
        Assert.Contains("CRC-32 mismatch in tensor 'blocks.0.ln2.bias'", Rejected(path));
    }

    [Fact]
    public void Trailing_bytes_are_refused()
    {
        var path = PackedFixtures.WriteSmall(_dir);
        File.AppendAllText(path, "x");
        Assert.Contains("unexpected bytes after the checksum", Rejected(path));
    }

    [Fact]
    public void Malformed_manifest_json_is_named()
    {
        var path = PackedFixtures.WriteSmall(_dir);
        var bytes = File.ReadAllBytes(path);
        bytes[32] = (byte)'X';
        PackedFixtures.Resign(bytes);
        File.WriteAllBytes(path, bytes);
        Assert.Contains("manifest is not valid JSON", Rejected(path));
    }
}
