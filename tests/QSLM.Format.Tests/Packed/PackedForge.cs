using System.Buffers.Binary;
using System.Security.Cryptography;
using QSLM.Format.Packed;

namespace QSLM.Format.Tests.Packed;

/// <summary>Rewrites a packed file as a hostile author would: a new manifest, the payload edited, the
/// header lengths, tensor CRC-32s and SHA-256 recomputed, so only the reader's later checks can refuse it.</summary>
internal static class PackedForge
{
    /// <summary>A file's parts.</summary>
    public sealed record Parts(PackedManifest Manifest, byte[] Payload);

    public static Parts Read(byte[] file)
    {
        var manifestLength = BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(16));
        var payloadLength = BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(24));
        var payloadStart = PackedFileLayout.PayloadStart(manifestLength);
        var manifest = PackedFileLayout.DeserializeManifest(file.AsSpan(PackedFileLayout.HeaderBytes, (int)manifestLength))!;
        return new Parts(manifest, file.AsSpan((int)payloadStart, (int)payloadLength).ToArray());
    }

    /// <summary>Assembles and signs a file from a manifest's JSON and a payload (CRCs as given).</summary>
    public static byte[] Assemble(byte[] json, byte[] payload)
    {
        var start = PackedFileLayout.PayloadStart(json.Length);
        var file = new byte[start + payload.Length + PackedFileLayout.TrailerBytes];
        PackedFileLayout.WriteHeader(file, json.Length, payload.Length);
        json.CopyTo(file, PackedFileLayout.HeaderBytes);
        payload.CopyTo(file, start);
        SHA256.HashData(file.AsSpan(0, (int)(start + payload.Length))).CopyTo(file, start + payload.Length);
        return file;
    }

    /// <summary>The manifest with every tensor's CRC-32 recomputed from <paramref name="payload"/> where it lies inside it.</summary>
    public static PackedManifest Recrc(PackedManifest manifest, byte[] payload) => manifest with
    {
        Tensors = manifest.Tensors.Select(t => t.Offset >= 0 && t.Length > 0 && t.Offset <= payload.Length && t.Length <= payload.Length - t.Offset
            ? t with { Crc32 = PackedFileLayout.Crc32Text(payload.AsSpan((int)t.Offset, (int)t.Length)) }
            : t).ToList(),
    };

    /// <summary>Rewrites the manifest through <paramref name="edit"/> and re-signs the file.</summary>
    public static void Forge(string path, Func<PackedManifest, PackedManifest> edit, long? extraPayload = null)
    {
        var parts = Read(File.ReadAllBytes(path));
        var payload = extraPayload is { } extra ? parts.Payload.Concat(new byte[extra]).ToArray() : parts.Payload;
        File.WriteAllBytes(path, Assemble(PackedFileLayout.SerializeManifest(edit(parts.Manifest)), payload));
    }

    /// <summary>Re-signs the file after a raw edit of its bytes.</summary>
    public static void Resign(byte[] file)
    {
        var covered = file.Length - PackedFileLayout.TrailerBytes;
        SHA256.HashData(file.AsSpan(0, covered)).CopyTo(file, covered);
    }
}
