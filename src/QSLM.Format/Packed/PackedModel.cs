using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using System.Security.Cryptography;
using System.Text.Json;
using QSLM.Format.Codecs;
using QSLM.Format.Formats;

namespace QSLM.Format.Packed;

/// <summary>
/// A packed model file, memory-mapped read-only. <see cref="Open"/> validates everything — header,
/// sizes, SHA-256, manifest, every tensor's format, bounds, alignment, overlap and CRC-32 — before
/// any tensor is handed out, and rejects a bad file with a <see cref="PackedFileException"/> that
/// says what is wrong. Nothing is allocated from a size the file declares until that size has been
/// checked against the file's real length.
/// </summary>
public sealed unsafe class PackedModel : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _base;
    private readonly long _payloadStart;
    private readonly Dictionary<string, PackedTensorEntry> _byName;

    private PackedModel(string path, MemoryMappedFile file, MemoryMappedViewAccessor view, byte* basePointer, long payloadStart, PackedManifest manifest)
    {
        Path = path;
        _file = file;
        _view = view;
        _base = basePointer;
        _payloadStart = payloadStart;
        Manifest = manifest;
        _byName = manifest.Tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The validated manifest.</summary>
    public PackedManifest Manifest { get; }

    /// <summary>Size of the file in bytes.</summary>
    public long FileSize => _view.Capacity;

    /// <summary>Opens and validates <paramref name="path"/>.</summary>
    public static PackedModel Open(string path)
    {
        if (!File.Exists(path)) throw new PackedFileException($"{path}: file not found");
        var length = new FileInfo(path).Length;
        const long minimum = PackedFileLayout.HeaderBytes + PackedFileLayout.TrailerBytes;
        if (length < minimum) throw new PackedFileException($"{path}: truncated: {length} bytes, smaller than the {minimum}-byte minimum");

        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        MemoryMappedViewAccessor? view = null;
        var acquired = false;
        try
        {
            view = file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            byte* pointer = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            acquired = true;
            pointer += view.PointerOffset;
            var (payloadStart, manifest) = Validate(path, pointer, length);
            return new PackedModel(path, file, view, pointer, payloadStart, manifest);
        }
        catch
        {
            if (acquired) view!.SafeMemoryMappedViewHandle.ReleasePointer();
            view?.Dispose();
            file.Dispose();
            throw;
        }
    }

    /// <summary>The stored bytes of tensor <paramref name="name"/>, straight from the mapping.</summary>
    public ReadOnlySpan<byte> TensorBytes(string name)
    {
        var entry = Entry(name);
        return new ReadOnlySpan<byte>(_base + _payloadStart + entry.Offset, checked((int)entry.Length));
    }

    /// <summary>The manifest entry of <paramref name="name"/>.</summary>
    public PackedTensorEntry Entry(string name) =>
        TryGetEntry(name, out var entry) ? entry : throw new KeyNotFoundException($"{Path}: no tensor '{name}'");

    /// <summary>The manifest entry of <paramref name="name"/>, if the file holds that tensor.</summary>
    public bool TryGetEntry(string name, out PackedTensorEntry entry) => _byName.TryGetValue(name, out entry!);

    /// <summary>The format of tensor <paramref name="name"/>.</summary>
    public QuantFormat FormatOf(string name)
    {
        QuantFormats.TryGet(Entry(name).FormatId, out var format);
        return format;
    }

    /// <summary>Dequantizes tensor <paramref name="name"/> to floats (row-major).</summary>
    public float[] Decode(string name)
    {
        var entry = Entry(name);
        var spec = new PackedFileLayout.TensorSpec(entry.Name, entry.Shape, FormatOf(name));
        var values = new float[checked(spec.Rows * spec.Columns)];
        QuantCodecs.For(spec.Format).Decode(TensorBytes(name), (int)spec.Rows, (int)spec.Columns, values);
        return values;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }

    private static (long PayloadStart, PackedManifest Manifest) Validate(string path, byte* data, long length)
    {
        var header = new ReadOnlySpan<byte>(data, PackedFileLayout.HeaderBytes);
        if (!header[..8].SequenceEqual(PackedFileLayout.Magic))
            throw new PackedFileException($"{path}: not a QSLM packed model (magic '{PackedFileLayout.Describe(header[..8])}', expected 'QSLMPACK')");
        var version = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        if (version > PackedFileLayout.Version)
            throw new PackedFileException($"{path}: format version {version} is newer than this reader (version {PackedFileLayout.Version}); update qslm");
        if (version == 0) throw new PackedFileException($"{path}: invalid format version 0");
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
        if (flags != 0) throw new PackedFileException($"{path}: unknown header flags 0x{flags:x8}");
        var manifestLength = BinaryPrimitives.ReadInt64LittleEndian(header[16..]);
        var payloadLength = BinaryPrimitives.ReadInt64LittleEndian(header[24..]);
        if (manifestLength <= 0 || manifestLength > length)
            throw new PackedFileException($"{path}: declared manifest length {manifestLength} does not fit in the file ({length} bytes): truncated or corrupt");
        if (payloadLength < 0 || payloadLength > length)
            throw new PackedFileException($"{path}: declared payload length {payloadLength} does not fit in the file ({length} bytes): truncated or corrupt");
        var expected = PackedFileLayout.FileSize(manifestLength, payloadLength);
        if (length < expected) throw new PackedFileException($"{path}: truncated: the header declares {expected} bytes, the file has {length}");
        if (length > expected) throw new PackedFileException($"{path}: {length - expected} unexpected bytes after the checksum");

        var covered = length - PackedFileLayout.TrailerBytes;
        if (!Sha256(data, covered).AsSpan().SequenceEqual(new ReadOnlySpan<byte>(data + covered, PackedFileLayout.TrailerBytes)))
            throw new PackedFileException($"{path}: SHA-256 mismatch: the file is corrupted");

        PackedManifest? manifest;
        try
        {
            manifest = PackedFileLayout.DeserializeManifest(new ReadOnlySpan<byte>(data + PackedFileLayout.HeaderBytes, checked((int)manifestLength)));
        }
        catch (JsonException e)
        {
            throw new PackedFileException($"{path}: manifest is not valid JSON ({e.Message})", e);
        }
        if (manifest?.Architecture is null || manifest.Tensors is null || manifest.VocabularyHash is null)
            throw new PackedFileException($"{path}: manifest lacks architecture, vocabularyHash or tensors");
        var payloadStart = PackedFileLayout.PayloadStart(manifestLength);
        ValidateArchitecture(path, manifest.Architecture);
        ValidateTensors(path, manifest.Tensors, payloadLength, data + payloadStart);
        return (payloadStart, manifest);
    }

    private static void ValidateArchitecture(string path, ArchitectureConfig a)
    {
        if (string.IsNullOrEmpty(a.Family) || a.Layers <= 0 || a.Width <= 0 || a.VocabSize <= 1 || a.ClassCount < 0)
            throw new PackedFileException($"{path}: invalid architecture {a}");
    }

    private static void ValidateTensors(string path, IReadOnlyList<PackedTensorEntry> tensors, long payloadLength, byte* payload)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in tensors)
        {
            if (t is null || string.IsNullOrEmpty(t.Name)) throw new PackedFileException($"{path}: a tensor entry has no name");
            if (!names.Add(t.Name)) throw new PackedFileException($"{path}: tensor '{t.Name}' appears twice");
            if (t.Shape is null || t.Shape.Length is 0 or > 4 || t.Shape.Any(d => d <= 0))
                throw new PackedFileException($"{path}: tensor '{t.Name}' has an invalid shape [{string.Join(",", t.Shape ?? [])}]");
            if (!QuantFormats.TryGet(t.FormatId, out var format))
                throw new PackedFileException($"{path}: tensor '{t.Name}' has unknown format id {t.FormatId}");
            if (!string.Equals(format.Name, t.Format, StringComparison.Ordinal))
                throw new PackedFileException($"{path}: tensor '{t.Name}' names format '{t.Format}' but its id {t.FormatId} is '{format.Name}'");
            long expected;
            try
            {
                expected = new PackedFileLayout.TensorSpec(t.Name, t.Shape, format).Bytes;
            }
            catch (OverflowException)
            {
                throw new PackedFileException($"{path}: tensor '{t.Name}' has a shape too large to address");
            }
            if (t.Length != expected)
                throw new PackedFileException($"{path}: tensor '{t.Name}' declares {t.Length} bytes; {format.Name} [{string.Join("x", t.Shape)}] takes {expected}");
            if (t.Offset < 0 || t.Offset % PackedFileLayout.Alignment != 0)
                throw new PackedFileException($"{path}: tensor '{t.Name}' offset {t.Offset} is not a non-negative multiple of {PackedFileLayout.Alignment}");
            if (t.Offset > payloadLength || t.Length > payloadLength - t.Offset)
                throw new PackedFileException($"{path}: tensor '{t.Name}' [{t.Offset}, {t.Offset + t.Length}) lies outside the payload ({payloadLength} bytes)");
            if (t.Length > int.MaxValue) throw new PackedFileException($"{path}: tensor '{t.Name}' is larger than 2 GiB");
        }
        var ordered = tensors.OrderBy(t => t.Offset).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Offset < ordered[i - 1].Offset + ordered[i - 1].Length)
                throw new PackedFileException($"{path}: tensors '{ordered[i - 1].Name}' and '{ordered[i].Name}' overlap");
        }
        foreach (var t in tensors)
        {
            var crc = PackedFileLayout.Crc32Text(new ReadOnlySpan<byte>(payload + t.Offset, (int)t.Length));
            if (!string.Equals(crc, t.Crc32, StringComparison.Ordinal))
                throw new PackedFileException($"{path}: CRC-32 mismatch in tensor '{t.Name}' (stored {t.Crc32}, computed {crc})");
        }
    }

    private static byte[] Sha256(byte* data, long length)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (long at = 0; at < length; at += 1 << 30)
        {
            sha.AppendData(new ReadOnlySpan<byte>(data + at, (int)Math.Min(1 << 30, length - at)));
        }
        return sha.GetHashAndReset();
    }
}
