using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using QSLM.Format.Formats;
using QSLM.Format.Packed;

namespace QSLM.Format.Tests.Packed.Damage;

/// <summary>
/// Seeded damaged copies of a small, valid packed SpikeGPT (two blocks of width 8, an LM head and a
/// two-class head, its tensors in float, integer and sign formats): the same seed gives the same file.
/// Re-signed classes recompute every CRC-32 and the SHA-256, so only the reader's validation can catch them.
/// </summary>
public static class DamagedFiles
{
    public static readonly ArchitectureConfig Architecture = new("SpikeGPT", 2, 8, 10, true, 2);

    private static readonly string[] MatrixFormats = ["fp32", "int4_g32", "int8", "int2_g32_asym", "int4", "sign1", "int8_g32_asym", "fp16", "bf16"];

    private static readonly string[] VectorFormats = ["fp32", "fp16", "bf16", "int8"];

    /// <summary>Writes the undamaged model (a few KB).</summary>
    public static string WriteBase(string path, int seed = 7)
    {
        var random = new Random(seed);
        var tensors = SpikeGptTensors.Of(Architecture).Select((t, i) =>
        {
            var count = (int)t.Shape.Aggregate(1L, (a, b) => a * b);
            var values = Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1) * (t.Shape.Length == 1 ? 1f : 0.5f) + (t.Name.EndsWith(".weight", StringComparison.Ordinal) && t.Shape.Length == 1 ? 1f : 0f)).ToArray();
            return new PackedModelWriter.TensorData(new PackedFileLayout.TensorSpec(t.Name, t.Shape, QuantFormats.Get(t.Name == "cls.bias" ? "fp32" : t.Shape.Length == 2 ? MatrixFormats[i % MatrixFormats.Length] : VectorFormats[i % VectorFormats.Length])), values);
        }).ToList();
        PackedModelWriter.Write(path, Architecture, "base", tensors);
        return path;
    }

    /// <summary><paramref name="count"/> damaged copies of <paramref name="original"/> of class <paramref name="damage"/>.</summary>
    public static IEnumerable<DamagedFile> Generate(DamageClass damage, byte[] original, int count = 50)
    {
        for (var seed = 0; seed < count; seed++)
        {
            var random = new Random(1000 * (int)damage + seed);
            var (description, bytes) = damage switch
            {
                DamageClass.RawBitFlip => RawBitFlip(original, random),
                DamageClass.ResignedBitFlip => ResignedBitFlip(original, random, seed),
                DamageClass.Truncation => Truncation(original, random),
                DamageClass.LyingManifest => LyingManifest(original, random, seed),
                DamageClass.OverflowingSize => OverflowingSize(original, random, seed),
                DamageClass.ArchitectureLie => ArchitectureLie(original, random, seed),
                DamageClass.NonFinite => NonFinite(original, random, seed),
                DamageClass.DuplicateKey => DuplicateKey(original, random, seed),
                _ => throw new ArgumentOutOfRangeException(nameof(damage)),
            };
            yield return new DamagedFile(damage, seed, description, bytes);
        }
    }

    /// <summary>For each class, the first damaged file that the reader refuses in process, written into
    /// <paramref name="folder"/> as <c>CLASS.qslm</c>: the sample the tests send through the real executables.</summary>
    public static IEnumerable<(DamagedFile File, string Path)> RefusedSampleOfEachClass(string folder)
    {
        var original = File.ReadAllBytes(WriteBase(System.IO.Path.Combine(folder, "base.qslm")));
        var probe = System.IO.Path.Combine(folder, "probe.qslm");
        foreach (var damage in Enum.GetValues<DamageClass>())
        {
            var file = Generate(damage, original).First(f => Refused(probe, f.Bytes));
            var path = System.IO.Path.Combine(folder, $"{damage}.qslm");
            File.WriteAllBytes(path, file.Bytes);
            yield return (file, path);
        }
    }

    private static bool Refused(string probe, byte[] bytes)
    {
        File.WriteAllBytes(probe, bytes);
        try
        {
            PackedModel.Open(probe).Dispose();
            return false;
        }
        catch (PackedFileException)
        {
            return true;
        }
    }

    private static (string, byte[]) RawBitFlip(byte[] original, Random random)
    {
        var bytes = (byte[])original.Clone();
        var flips = 1 + random.Next(3);
        var at = new List<int>();
        for (var i = 0; i < flips; i++)
        {
            var bit = random.Next(bytes.Length * 8);
            bytes[bit / 8] ^= (byte)(1 << (bit % 8));
            at.Add(bit);
        }
        if (bytes.AsSpan().SequenceEqual(original)) bytes[at[0] / 8] ^= 1;
        return ($"bits {string.Join(",", at)} flipped", bytes);
    }

    private static (string, byte[]) Truncation(byte[] original, Random random)
    {
        var length = random.Next(original.Length);
        return ($"cut to {length} of {original.Length} bytes", original[..length]);
    }

    private static (string, byte[]) ResignedBitFlip(byte[] original, Random random, int seed)
    {
        var parts = PackedForge.Read(original);
        if (seed % 3 == 0)
        {
            // The manifest's text: re-signed as it is, CRCs recomputed only where it still parses.
            var json = PackedFileLayout.SerializeManifest(parts.Manifest);
            var bit = random.Next(json.Length * 8);
            json[bit / 8] ^= (byte)(1 << (bit % 8));
            try
            {
                var edited = PackedFileLayout.DeserializeManifest(json);
                if (edited?.Tensors is not null && edited.Tensors.All(t => t is not null))
                    return ($"manifest bit {bit} flipped, re-signed", PackedForge.Assemble(PackedFileLayout.SerializeManifest(PackedForge.Recrc(edited, parts.Payload)), parts.Payload));
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or ArgumentException or NullReferenceException)
            {
                // Not JSON any more: signed as it is.
            }
            return ($"manifest bit {bit} flipped (no longer parses), re-signed", PackedForge.Assemble(json, parts.Payload));
        }
        var payload = (byte[])parts.Payload.Clone();
        var tensor = parts.Manifest.Tensors[random.Next(parts.Manifest.Tensors.Count)];
        var offset = tensor.Offset + random.Next((int)tensor.Length);
        var flipped = 1 << random.Next(8);
        if (seed % 3 == 1 && tensor.Format == "fp32")
        {
            // The exponent's bits all set: a flip of the bits that were clear makes the value non-finite.
            var value = (int)(tensor.Offset + 4 * random.Next((int)tensor.Length / 4));
            BinaryPrimitives.WriteUInt32LittleEndian(payload.AsSpan(value), BinaryPrimitives.ReadUInt32LittleEndian(payload.AsSpan(value)) | 0x7F80_0000u);
            return ($"exponent of {tensor.Name} byte {value - tensor.Offset} set, re-signed", Resigned(parts.Manifest, payload));
        }
        payload[offset] ^= (byte)flipped;
        return ($"payload byte {offset} ({tensor.Name}) ^ {flipped}, re-signed", Resigned(parts.Manifest, payload));
    }

    private static (string, byte[]) LyingManifest(byte[] original, Random random, int seed)
    {
        var parts = PackedForge.Read(original);
        var m = parts.Manifest;
        var k = random.Next(m.Tensors.Count);
        var t = m.Tensors[k];
        PackedTensorEntry other = m.Tensors[(k + 1 + random.Next(m.Tensors.Count - 1)) % m.Tensors.Count];
        var (what, edited) = (seed % 10) switch
        {
            0 => ("offset moved to another tensor's", With(m, k, t with { Offset = other.Offset })),
            1 => ("offset moved by 64", With(m, k, t with { Offset = t.Offset + 64 * (random.Next(2) * 2 - 1) })),
            2 => ("length changed", With(m, k, t with { Length = t.Length + random.Next(1, 64) * (random.Next(2) * 2 - 1) })),
            3 => ("another format, its name consistent", With(m, k, WithFormat(t, QuantFormats.All[random.Next(QuantFormats.All.Count)]))),
            4 => ("format name that disagrees with its id", With(m, k, t with { Format = QuantFormats.All[random.Next(QuantFormats.All.Count)].Name })),
            5 => ("renamed to a name no SpikeGPT has", With(m, k, t with { Name = t.Name.Replace("weight", "gain", StringComparison.Ordinal) + (random.Next(2) == 0 ? "" : ".x") })),
            6 => ("shape transposed", With(m, k, t with { Shape = t.Shape.Reverse().ToArray() })),
            7 => ("renamed to another tensor's name", With(m, k, t with { Name = other.Name })),
            8 => ("vocabulary hash changed", m with { VocabularyHash = "lie" + random.Next() }),
            _ => ("tensor dropped, its bytes left", m with { Tensors = m.Tensors.Where((_, i) => i != k).ToList() }),
        };
        // The lying CRC is one that matches nothing: it must survive the re-CRC of the rest.
        var json = PackedFileLayout.SerializeManifest(PackedForge.Recrc(edited, parts.Payload));
        return ($"{t.Name}: {what}, re-signed", PackedForge.Assemble(json, parts.Payload));
    }

    private static (string, byte[]) OverflowingSize(byte[] original, Random random, int seed)
    {
        var parts = PackedForge.Read(original);
        var m = parts.Manifest;
        var k = random.Next(m.Tensors.Count);
        var t = m.Tensors[k];
        var format = QuantFormats.All[random.Next(QuantFormats.All.Count)];
        long huge = (1L << 62) + random.NextInt64(1L << 61);
        // The length an unchecked reader computes for the shape: it wraps, and a lie that equals it passed.
        long Wrapped(long rows, long columns, QuantFormat f) => unchecked(rows * (f.Scheme == QuantScheme.Float ? columns * (f.Bits / 8) : f.Scheme == QuantScheme.Sign ? (columns + 7) / 8 : columns * f.Bits / 8));
        PackedManifest edited;
        string what;
        switch (seed % 8)
        {
            case 0:
                edited = With(m, k, new PackedTensorEntry(t.Name, [1, 6917529028177952767], "fp32", 1, t.Offset, Wrapped(1, 6917529028177952767, QuantFormats.Fp32), t.Crc32));
                what = "fp32 [1, 6917529028177952767] whose row bytes wrap negative";
                break;
            case 1:
                var extra = new PackedTensorEntry("blocks.0.att.key.weight.extra", [1L << 62], "fp32", 1, 0, 0, "00000000");
                edited = m with { Tensors = m.Tensors.Append(extra).ToList() };
                what = "an extra fp32 tensor [2^62] of length 0";
                break;
            case 2:
                var columns = random.NextInt64(1L << 40, long.MaxValue / 2);
                edited = With(m, k, WithFormat(t, format) with { Shape = [1 + random.Next(1 << 20), columns], Length = Wrapped(1, columns, format) });
                what = $"{format.Name} [.., {columns}] whose size overflows";
                break;
            case 3:
                edited = With(m, k, t with { Shape = [1L << 31, 1L << 31, 1L << 31], Length = 0 });
                what = "shape [2^31, 2^31, 2^31], length 0";
                break;
            case 4:
                edited = With(m, k, t with { Offset = long.MaxValue - 63, Length = t.Length });
                what = "offset near long.MaxValue";
                break;
            case 5:
                edited = With(m, k, t with { Length = -t.Length - random.Next(64) });
                what = "negative length";
                break;
            case 6:
                edited = With(m, k, t with { Offset = -64 * (1 + random.Next(1000)) });
                what = "negative offset";
                break;
            default:
                edited = With(m, k, t with { Shape = [huge], Length = Wrapped(1, huge, QuantFormats.All.First(f => f.Id == t.FormatId)) });
                what = $"shape [{huge}]";
                break;
        }
        var json = PackedFileLayout.SerializeManifest(edited);
        return ($"{t.Name}: {what}, re-signed", PackedForge.Assemble(json, parts.Payload));
    }

    private static (string, byte[]) ArchitectureLie(byte[] original, Random random, int seed)
    {
        var parts = PackedForge.Read(original);
        var m = parts.Manifest;
        var a = m.Architecture;
        if (seed % 8 == 6)
        {
            // Entirely consistent: a language model without the classifier, laid out as the writer would.
            var relaid = Relaid(m with { Architecture = a with { ClassCount = 0 } }, parts.Payload, n => !n.StartsWith("cls.", StringComparison.Ordinal), out var payload);
            return ("classCount := 0, cls tensors dropped, payload re-laid, re-signed", PackedForge.Assemble(PackedFileLayout.SerializeManifest(PackedForge.Recrc(relaid, payload)), payload));
        }
        var (what, edited) = (seed % 8) switch
        {
            0 => ("layers := 1", m with { Architecture = a with { Layers = 1 } }),
            1 => ("classCount := 0", m with { Architecture = a with { ClassCount = 0 } }),
            2 => ("layers := " + (3 + seed), m with { Architecture = a with { Layers = 3 + seed } }),
            3 => ("width changed", m with { Architecture = a with { Width = a.Width + 1 + random.Next(8) } }),
            4 => ("vocabulary changed", m with { Architecture = a with { VocabSize = a.VocabSize + 1 + random.Next(8) } }),
            5 => ("no LM head", m with { Architecture = a with { HasLmHead = false } }),
            _ => ("family renamed", m with { Architecture = a with { Family = random.Next(2) == 0 ? "RWKV" : "SpikeGPT2" } }),
        };
        return (what + ", re-signed", PackedForge.Assemble(PackedFileLayout.SerializeManifest(edited), parts.Payload));
    }

    private static (string, byte[]) NonFinite(byte[] original, Random random, int seed)
    {
        var parts = PackedForge.Read(original);
        var payload = (byte[])parts.Payload.Clone();
        var floats = parts.Manifest.Tensors.Where(t => t.Format is "fp32" or "fp16" or "bf16").ToList();
        var grouped = parts.Manifest.Tensors.Where(t => QuantFormats.Get(t.Format).GroupOverheadBytes > 0).ToList();
        string what;
        if (seed % 2 == 0)
        {
            var t = floats[random.Next(floats.Count)];
            var size = t.Format == "fp32" ? 4 : 2;
            var at = (int)t.Offset + size * random.Next((int)t.Length / size);
            var kind = random.Next(3);
            if (size == 4) BinaryPrimitives.WriteUInt32LittleEndian(payload.AsSpan(at), kind switch { 0 => 0x7FC0_0000u, 1 => 0x7F80_0000u, _ => 0xFF80_0001u });
            else if (t.Format == "bf16") BinaryPrimitives.WriteUInt16LittleEndian(payload.AsSpan(at), kind switch { 0 => (ushort)0x7FC0, 1 => (ushort)0x7F80, _ => (ushort)0xFF80 });
            else BinaryPrimitives.WriteUInt16LittleEndian(payload.AsSpan(at), kind switch { 0 => (ushort)0x7E00, 1 => (ushort)0x7C00, _ => (ushort)0xFC00 });
            what = $"{t.Name} ({t.Format}) value at byte {at - t.Offset} := {(kind == 0 ? "NaN" : kind == 1 ? "+Inf" : "-Inf or NaN")}";
        }
        else
        {
            var t = grouped[random.Next(grouped.Count)];
            var format = QuantFormats.Get(t.Format);
            var columns = t.Shape.Length == 2 ? t.Shape[1] : t.Shape.Aggregate(1L, (x, y) => x * y);
            var rowBytes = (int)format.RowBytes(columns);
            var row = random.Next((int)(t.Length / rowBytes));
            // The first group of a row: its scale, or (asymmetric) its minimum.
            var parameter = format.GroupOverheadBytes == 4 && random.Next(2) == 1 ? 2 : 0;
            var at = (int)t.Offset + row * rowBytes + parameter;
            BinaryPrimitives.WriteUInt16LittleEndian(payload.AsSpan(at), random.Next(2) == 0 ? (ushort)0x7E00 : (ushort)0x7C00);
            what = $"{t.Name} ({t.Format}) row {row} {(parameter == 0 ? "scale" : "minimum")} := NaN or Inf";
        }
        return (what + ", re-signed", Resigned(parts.Manifest, payload));
    }

    private static (string, byte[]) DuplicateKey(byte[] original, Random random, int seed)
    {
        var parts = PackedForge.Read(original);
        var json = Encoding.UTF8.GetString(PackedFileLayout.SerializeManifest(parts.Manifest));
        var k = random.Next(parts.Manifest.Tensors.Count);
        var t = parts.Manifest.Tensors[k];
        var entry = Encoding.UTF8.GetString(PackedFileLayout.SerializeManifest(parts.Manifest with { Tensors = [t] }));
        entry = entry[(entry.IndexOf("\"tensors\":[", StringComparison.Ordinal) + 11)..^2];
        string Inside(string text, string anchor, string insertion) => text.Replace(anchor, anchor + insertion, StringComparison.Ordinal);
        var (what, edited) = (seed % 8) switch
        {
            0 => ("a second \"tensors\":[]", json[..^1] + ",\"tensors\":[]}"),
            1 => ("a second architecture with one block", json[..^1] + ",\"architecture\":" + ArchitectureJson(parts.Manifest.Architecture with { Layers = 1 }) + "}"),
            2 => ("layers twice", Inside(json, "\"architecture\":{", string.Create(CultureInfo.InvariantCulture, $"\"layers\":{1 + random.Next(4)},"))),
            3 => ("classCount twice", Inside(json, "\"architecture\":{", "\"classCount\":0,")),
            4 => ("vocabularyHash twice", json[..^1] + ",\"vocabularyHash\":\"other\"}"),
            5 => ($"{t.Name}: length twice", json.Replace(entry, entry[..^1] + string.Create(CultureInfo.InvariantCulture, $",\"length\":{t.Length + 64 * random.Next(3)}}}"), StringComparison.Ordinal)),
            6 => ($"{t.Name}: name twice", json.Replace(entry, entry[..^1] + $",\"name\":\"{(random.Next(2) == 0 ? t.Name : "blocks.0.ln1.weight")}\"}}", StringComparison.Ordinal)),
            _ => ($"{t.Name}: offset twice", json.Replace(entry, entry[..^1] + string.Create(CultureInfo.InvariantCulture, $",\"offset\":{t.Offset}}}"), StringComparison.Ordinal)),
        };
        return (what + ", re-signed", PackedForge.Assemble(Encoding.UTF8.GetBytes(edited), parts.Payload));
    }

    private static string ArchitectureJson(ArchitectureConfig a)
    {
        var json = Encoding.UTF8.GetString(PackedFileLayout.SerializeManifest(new PackedManifest(a, "x", [])));
        var start = json.IndexOf('{', 1);
        return json[start..(json.IndexOf('}') + 1)];
    }

    private static byte[] Resigned(PackedManifest manifest, byte[] payload) =>
        PackedForge.Assemble(PackedFileLayout.SerializeManifest(PackedForge.Recrc(manifest, payload)), payload);

    private static PackedManifest With(PackedManifest m, int k, PackedTensorEntry entry) =>
        m with { Tensors = m.Tensors.Select((t, i) => i == k ? entry : t).ToList() };

    private static PackedTensorEntry WithFormat(PackedTensorEntry t, QuantFormat format) => t with { Format = format.Name, FormatId = format.Id };

    // Keeps the tensors whose names pass, laid out again as the writer lays them out.
    private static PackedManifest Relaid(PackedManifest m, byte[] payload, Func<string, bool> keep, out byte[] relaid)
    {
        var kept = m.Tensors.Where(t => keep(t.Name)).ToList();
        var entries = new List<PackedTensorEntry>();
        var bytes = new List<byte>();
        foreach (var t in kept)
        {
            while (bytes.Count % PackedFileLayout.Alignment != 0) bytes.Add(0);
            entries.Add(t with { Offset = bytes.Count });
            bytes.AddRange(payload.AsSpan((int)t.Offset, (int)t.Length).ToArray());
        }
        relaid = bytes.ToArray();
        return m with { Tensors = entries };
    }
}
