using System.Globalization;
using System.IO.MemoryMappedFiles;
using System.Security.Cryptography;
using QSLM.Format.Codecs;
using QSLM.Format.Formats;

namespace QSLM.Format.Packed;

/// <summary>
/// A packed model file, memory-mapped read-only. <see cref="Open"/> validates everything — header,
/// sizes, SHA-256, manifest, the architecture against its tensors (each expected name with its exact
/// shape, nothing more, nothing missing), every tensor's format, bounds, alignment, layout, CRC-32,
/// zero padding and that every stored number is finite — before any tensor is handed out, and
/// rejects a bad file with a <see cref="PackedFileException"/> that says what is wrong. Nothing is allocated from a size the file declares until that size has been
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

    /// <summary>
    /// The checks of <see cref="Open"/> that need only the header and the manifest (sizes, bounds,
    /// architecture against tensors), without the checksums or the values: cheap enough to run on
    /// every file a store lists. Returns the manifest; a file that fails is refused with a
    /// <see cref="PackedFileException"/>.
    /// </summary>
    public static PackedManifest CheckLayout(string path)
    {
        if (!File.Exists(path)) throw new PackedFileException($"{path}: file not found");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        var length = stream.Length;
        const long minimum = PackedFileLayout.HeaderBytes + PackedFileLayout.TrailerBytes;
        if (length < minimum) throw new PackedFileException($"{path}: truncated: {length} bytes, smaller than the {minimum}-byte minimum");
        var header = new byte[PackedFileLayout.HeaderBytes];
        stream.ReadExactly(header);
        var (manifestLength, payloadLength) = PackedValidation.Header(path, header, length);
        var json = new byte[manifestLength];
        stream.ReadExactly(json);
        var manifest = PackedValidation.Manifest(path, json);
        PackedValidation.Structure(path, manifest, payloadLength);
        return manifest;
    }

    private static (long PayloadStart, PackedManifest Manifest) Validate(string path, byte* data, long length)
    {
        var (manifestLength, payloadLength) = PackedValidation.Header(path, new ReadOnlySpan<byte>(data, PackedFileLayout.HeaderBytes), length);
        var covered = length - PackedFileLayout.TrailerBytes;
        if (!Sha256(data, covered).AsSpan().SequenceEqual(new ReadOnlySpan<byte>(data + covered, PackedFileLayout.TrailerBytes)))
            throw new PackedFileException($"{path}: SHA-256 mismatch: the file is corrupted");
        var manifest = PackedValidation.Manifest(path, new ReadOnlySpan<byte>(data + PackedFileLayout.HeaderBytes, (int)manifestLength));
        PackedValidation.Structure(path, manifest, payloadLength);
        var payloadStart = PackedFileLayout.PayloadStart(manifestLength);
        ValidateContents(path, manifest.Tensors, data + payloadStart, payloadLength);
        return (payloadStart, manifest);
    }

    // Bounds are checked by then: every tensor lies inside the payload and is under 2 GiB.
    private static void ValidateContents(string path, IReadOnlyList<PackedTensorEntry> tensors, byte* payload, long payloadLength)
    {
        for (var i = 0; i < tensors.Count; i++)
        {
            var t = tensors[i];
            var end = t.Offset + t.Length;
            var padding = new ReadOnlySpan<byte>(payload + end, (int)((i + 1 < tensors.Count ? tensors[i + 1].Offset : payloadLength) - end));
            if (padding.ContainsAnyExcept((byte)0))
                throw new PackedFileException(string.Create(CultureInfo.InvariantCulture, $"{path}: the padding after tensor '{t.Name}' is not zero"));
            var bytes = new ReadOnlySpan<byte>(payload + t.Offset, (int)t.Length);
            var crc = PackedFileLayout.Crc32Text(bytes);
            if (!string.Equals(crc, t.Crc32, StringComparison.Ordinal))
                throw new PackedFileException($"{path}: CRC-32 mismatch in tensor '{t.Name}' (stored {PackedText.Quote(t.Crc32)}, computed {crc})");
            QuantFormats.TryGet(t.FormatId, out var format);
            var spec = new PackedFileLayout.TensorSpec(t.Name, t.Shape, format);
            var at = FiniteValues.FirstNonFinite(format, bytes, spec.Rows, spec.Columns);
            if (at >= 0)
            {
                var what = format.Scheme == QuantScheme.Float ? "value" : "scale or minimum of group";
                throw new PackedFileException(string.Create(CultureInfo.InvariantCulture, $"{path}: tensor '{t.Name}' holds a non-finite {what} {at} (NaN or infinity)"));
            }
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
