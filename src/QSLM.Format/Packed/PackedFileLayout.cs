using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using QSLM.Format.Formats;

namespace QSLM.Format.Packed;

/// <summary>
/// The byte layout of a packed model file (all integers little-endian):
/// <code>
/// 0   8  magic "QSLMPACK"
/// 8   4  format version (1)
/// 12  4  flags (0)
/// 16  8  manifest length M
/// 24  8  payload length L
/// 32  M  manifest, UTF-8 JSON
/// ..     zero padding to the next multiple of 64: the payload starts at P
/// P   L  payload: each tensor at its manifest offset (a multiple of 64), zero padding between
/// P+L 32 SHA-256 of bytes [0, P+L)
/// </code>
/// Sizes are computed exactly before anything is written, so a candidate's footprint is known
/// without packing it.
/// </summary>
public static class PackedFileLayout
{
    /// <summary>File magic.</summary>
    public static ReadOnlySpan<byte> Magic => "QSLMPACK"u8;

    /// <summary>The version this code writes and the newest it reads.</summary>
    public const uint Version = 1;

    /// <summary>Alignment of the payload and of every tensor in it.</summary>
    public const int Alignment = 64;

    /// <summary>Fixed header bytes before the manifest.</summary>
    public const int HeaderBytes = 32;

    /// <summary>Trailer bytes (the SHA-256).</summary>
    public const int TrailerBytes = 32;

    /// <summary>A tensor to be packed: its name, shape and format.</summary>
    public sealed record TensorSpec(string Name, long[] Shape, QuantFormat Format)
    {
        /// <summary>Rows of the tensor as stored: the first dimension of a 2-D tensor, else 1.</summary>
        public long Rows => Shape.Length == 2 ? Shape[0] : 1;

        /// <summary>Columns as stored: the second dimension of a 2-D tensor, else every element.</summary>
        public long Columns => Shape.Length == 2 ? Shape[1] : Shape.Aggregate(1L, (a, b) => checked(a * b));

        /// <summary>Exact encoded bytes.</summary>
        public long Bytes => Format.EncodedBytes(Rows, Columns);
    }

    /// <summary>The manifest a writer would produce (CRCs zeroed: their text has a fixed length).</summary>
    public static PackedManifest PlanManifest(ArchitectureConfig architecture, string vocabularyHash, IReadOnlyList<TensorSpec> tensors)
    {
        var entries = new List<PackedTensorEntry>(tensors.Count);
        long offset = 0;
        foreach (var t in tensors)
        {
            entries.Add(new PackedTensorEntry(t.Name, t.Shape, t.Format.Name, t.Format.Id, offset, t.Bytes, "00000000"));
            offset = AlignUp(offset + t.Bytes);
        }
        return new PackedManifest(architecture, vocabularyHash, entries);
    }

    /// <summary>Exact size of the file that <see cref="PackedModelWriter"/> writes for these tensors.</summary>
    public static long FileSize(ArchitectureConfig architecture, string vocabularyHash, IReadOnlyList<TensorSpec> tensors)
    {
        var manifest = PlanManifest(architecture, vocabularyHash, tensors);
        return FileSize(SerializeManifest(manifest).Length, PayloadLength(manifest));
    }

    /// <summary>File size for a manifest of <paramref name="manifestBytes"/> and a payload of <paramref name="payloadBytes"/>.</summary>
    public static long FileSize(long manifestBytes, long payloadBytes) => PayloadStart(manifestBytes) + payloadBytes + TrailerBytes;

    /// <summary>Where the payload starts after a manifest of <paramref name="manifestBytes"/>.</summary>
    public static long PayloadStart(long manifestBytes) => AlignUp(HeaderBytes + manifestBytes);

    /// <summary>Payload length: the end of the last tensor (no padding after it).</summary>
    public static long PayloadLength(PackedManifest manifest) =>
        manifest.Tensors.Count == 0 ? 0 : manifest.Tensors.Max(t => t.Offset + t.Length);

    /// <summary>The manifest as UTF-8 JSON.</summary>
    public static byte[] SerializeManifest(PackedManifest manifest) =>
        JsonSerializer.SerializeToUtf8Bytes(manifest, PackedManifestJson.Default.PackedManifest);

    /// <summary>Parses a manifest; throws <see cref="JsonException"/> on malformed JSON.</summary>
    public static PackedManifest? DeserializeManifest(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, PackedManifestJson.Default.PackedManifest);

    /// <summary>Writes the 32-byte header.</summary>
    public static void WriteHeader(Span<byte> header, long manifestBytes, long payloadBytes)
    {
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], Version);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], 0);
        BinaryPrimitives.WriteInt64LittleEndian(header[16..], manifestBytes);
        BinaryPrimitives.WriteInt64LittleEndian(header[24..], payloadBytes);
    }

    /// <summary>Rounds up to the alignment.</summary>
    public static long AlignUp(long value) => (value + Alignment - 1) / Alignment * Alignment;

    /// <summary>A CRC-32 as the manifest writes it.</summary>
    public static string Crc32Text(ReadOnlySpan<byte> data) =>
        System.IO.Hashing.Crc32.HashToUInt32(data).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);

    internal static string Describe(ReadOnlySpan<byte> bytes) => Encoding.ASCII.GetString(bytes).Replace("\0", "\\0");
}
