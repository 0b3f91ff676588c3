using System.Buffers.Binary;
using System.Security.Cryptography;
using QSLM.Format.Formats;
using QSLM.Format.Packed;
using QSLM.Format.Tests.Codecs;

namespace QSLM.Format.Tests.Packed;

/// <summary>Small packed files for tests, and a forge that rewrites a file's manifest and then
/// re-signs it (header lengths and SHA-256), so the reader's checks past the checksum are reached.</summary>
internal static class PackedFixtures
{
    public static readonly ArchitectureConfig Architecture = new("SpikeGPT", 1, 8, 10, true, 0);

    public static IReadOnlyList<PackedModelWriter.TensorData> Tensors(params string[] formats)
    {
        var shapes = new long[][] { [10, 8], [8], [1, 1, 8], [8, 8], [32, 8], [10, 8] };
        return formats.Select((f, i) =>
        {
            var shape = shapes[i % shapes.Length];
            var count = (int)shape.Aggregate(1L, (a, b) => a * b);
            return new PackedModelWriter.TensorData(new PackedFileLayout.TensorSpec($"t{i}", shape, QuantFormats.Get(f)), QuantCodecsTests.Gaussian(count, i + 10));
        }).ToList();
    }

    public static string WriteSmall(string directory, string name = "small.qslm")
    {
        var path = Path.Combine(directory, name);
        PackedModelWriter.Write(path, Architecture, "abc", Tensors("fp16", "int4_g32", "fp32", "int8", "int2_g32_asym", "sign1"));
        return path;
    }

    /// <summary>Rewrites the manifest through <paramref name="edit"/> and re-signs the file.</summary>
    public static void Forge(string path, Func<PackedManifest, PackedManifest> edit, long? extraPayload = null)
    {
        var bytes = File.ReadAllBytes(path);
        var manifestLength = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(16));
        var payloadLength = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(24));
        var payloadStart = PackedFileLayout.PayloadStart(manifestLength);
        var manifest = PackedFileLayout.DeserializeManifest(bytes.AsSpan(PackedFileLayout.HeaderBytes, (int)manifestLength))!;
        var payload = bytes.AsSpan((int)payloadStart, (int)payloadLength).ToArray();
        if (extraPayload is { } extra) payload = payload.Concat(new byte[extra]).ToArray();
        var json = PackedFileLayout.SerializeManifest(edit(manifest));
        var start = PackedFileLayout.PayloadStart(json.Length);
        var file = new byte[start + payload.Length + PackedFileLayout.TrailerBytes];
        PackedFileLayout.WriteHeader(file, json.Length, payload.Length);
        json.CopyTo(file, PackedFileLayout.HeaderBytes);
        payload.CopyTo(file, start);
        SHA256.HashData(file.AsSpan(0, (int)(start + payload.Length))).CopyTo(file, start + payload.Length);
        File.WriteAllBytes(path, file);
    }

    /// <summary>Re-signs the file after a raw edit of its bytes.</summary>
    public static void Resign(byte[] file)
    {
        var covered = file.Length - PackedFileLayout.TrailerBytes;
        SHA256.HashData(file.AsSpan(0, covered)).CopyTo(file, covered);
    }
}
