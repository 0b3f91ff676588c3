using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using QSLM.Format.Formats;

namespace QSLM.Format.Packed;

/// <summary>
/// The checks of a packed file that need no pass over its payload: header, manifest, architecture
/// against tensors, every entry's format, size, bounds, alignment and overlap. Every number is the
/// file's and untrusted, so every sum and product of them is checked and a file whose sizes do not
/// fit is refused, never wrapped; each refusal names the file and says why.
/// </summary>
internal static class PackedValidation
{
    /// <summary>Most dimensions a tensor may have.</summary>
    private const int MaxRank = 4;

    /// <summary>Longest vocabulary hash (a SHA-256 is 64 hex digits).</summary>
    private const int MaxVocabularyHashLength = 128;

    /// <summary>The manifest and payload lengths the header declares, checked against the file's real length.</summary>
    public static (long ManifestLength, long PayloadLength) Header(string path, ReadOnlySpan<byte> header, long length)
    {
        if (!header[..8].SequenceEqual(PackedFileLayout.Magic))
            throw new PackedFileException($"{path}: not a QSLM packed model (magic '{PackedFileLayout.Describe(header[..8])}', expected 'QSLMPACK')");
        var version = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        if (version > PackedFileLayout.Version)
            throw new PackedFileException($"{path}: format version {version} is newer than this reader (version {PackedFileLayout.Version}); update qslm");
        if (version == 0) throw new PackedFileException($"{path}: invalid format version 0");
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
        if (flags != 0) throw new PackedFileException(Invariant($"{path}: unknown header flags 0x{flags:x8}"));
        var manifestLength = BinaryPrimitives.ReadInt64LittleEndian(header[16..]);
        var payloadLength = BinaryPrimitives.ReadInt64LittleEndian(header[24..]);
        if (manifestLength <= 0 || manifestLength > length || manifestLength > int.MaxValue)
            throw new PackedFileException(Invariant($"{path}: declared manifest length {manifestLength} does not fit in the file ({length} bytes): truncated or corrupt"));
        if (payloadLength < 0 || payloadLength > length)
            throw new PackedFileException(Invariant($"{path}: declared payload length {payloadLength} does not fit in the file ({length} bytes): truncated or corrupt"));
        // Both lengths are at most the file's, so this sum cannot overflow.
        var expected = PackedFileLayout.FileSize(manifestLength, payloadLength);
        if (length < expected) throw new PackedFileException(Invariant($"{path}: truncated: the header declares {expected} bytes, the file has {length}"));
        if (length > expected) throw new PackedFileException(Invariant($"{path}: {length - expected} unexpected bytes after the checksum"));
        return (manifestLength, payloadLength);
    }

    /// <summary>Parses the manifest: well-formed JSON, no key twice, no unknown key, nothing required missing.</summary>
    public static PackedManifest Manifest(string path, ReadOnlySpan<byte> json)
    {
        PackedManifest? manifest;
        try
        {
            manifest = PackedFileLayout.DeserializeManifest(json);
        }
        catch (JsonException e)
        {
            throw new PackedFileException($"{path}: manifest is not valid JSON ({PackedText.Quote(e.Message)})", e);
        }
        if (manifest?.Architecture is null || manifest.Tensors is null || manifest.VocabularyHash is null)
            throw new PackedFileException($"{path}: manifest lacks architecture, vocabularyHash or tensors");
        return manifest;
    }

    /// <summary>Checks the manifest against itself, the architecture it declares and a payload of <paramref name="payloadLength"/> bytes.</summary>
    public static void Structure(string path, PackedManifest manifest, long payloadLength)
    {
        if (SpikeGptTensors.Invalid(manifest.Architecture) is { } invalid)
            throw new PackedFileException($"{path}: invalid architecture: {invalid}");
        // Printed by inspect: a control character here would reach the terminal.
        if (manifest.VocabularyHash.Length > MaxVocabularyHashLength || !manifest.VocabularyHash.All(c => c is >= ' ' and <= '~'))
            throw new PackedFileException($"{path}: vocabulary hash '{PackedText.Quote(manifest.VocabularyHash[..Math.Min(manifest.VocabularyHash.Length, MaxVocabularyHashLength)])}' is not up to {MaxVocabularyHashLength} printable ASCII characters");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in manifest.Tensors)
        {
            if (t is null || string.IsNullOrEmpty(t.Name)) throw new PackedFileException($"{path}: a tensor entry has no name");
            var name = PackedText.Quote(t.Name);
            if (!names.Add(t.Name)) throw new PackedFileException($"{path}: tensor '{name}' appears twice");
            if (t.Shape is null || t.Shape.Length is 0 or > MaxRank || t.Shape.Any(d => d <= 0))
                throw new PackedFileException($"{path}: tensor '{name}' has an invalid shape [{string.Join(",", t.Shape ?? [])}]");
            if (!QuantFormats.TryGet(t.FormatId, out var format))
                throw new PackedFileException($"{path}: tensor '{name}' has unknown format id {t.FormatId}");
            if (!string.Equals(format.Name, t.Format, StringComparison.Ordinal))
                throw new PackedFileException($"{path}: tensor '{name}' names format '{PackedText.Quote(t.Format ?? "")}' but its id {t.FormatId} is '{format.Name}'");
            if (string.IsNullOrEmpty(t.Crc32)) throw new PackedFileException($"{path}: tensor '{name}' has no CRC-32");
            long expected;
            try
            {
                var spec = new PackedFileLayout.TensorSpec(t.Name, t.Shape, format);
                _ = checked(spec.Rows * spec.Columns);
                expected = spec.Bytes;
            }
            catch (OverflowException)
            {
                throw new PackedFileException($"{path}: tensor '{name}' has shape [{string.Join(",", t.Shape)}], too large to address: its size overflows");
            }
            if (t.Length <= 0 || t.Length != expected)
                throw new PackedFileException(Invariant($"{path}: tensor '{name}' declares {t.Length} bytes; {format.Name} [{string.Join("x", t.Shape)}] takes {expected}"));
            if (t.Offset < 0 || t.Offset % PackedFileLayout.Alignment != 0)
                throw new PackedFileException(Invariant($"{path}: tensor '{name}' offset {t.Offset} is not a non-negative multiple of {PackedFileLayout.Alignment}"));
            // Subtracted, not added: Offset + Length may not fit a long.
            if (t.Offset > payloadLength || t.Length > payloadLength - t.Offset)
                throw new PackedFileException(Invariant($"{path}: tensor '{name}' [{t.Offset}, {t.Offset} + {t.Length}) lies outside the payload ({payloadLength} bytes)"));
            if (t.Length > int.MaxValue) throw new PackedFileException($"{path}: tensor '{name}' is larger than 2 GiB");
        }
        if (SpikeGptTensors.Mismatch(manifest.Architecture, manifest.Tensors.Select(t => (t.Name, t.Shape)).ToList()) is { } mismatch)
            throw new PackedFileException($"{path}: {mismatch}");
        var ordered = manifest.Tensors.OrderBy(t => t.Offset).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Offset < ordered[i - 1].Offset + ordered[i - 1].Length)
                throw new PackedFileException($"{path}: tensors '{ordered[i - 1].Name}' and '{ordered[i].Name}' overlap");
        }
        // The writer lays tensors out in manifest order, each at the next aligned offset, and ends the
        // payload with the last: any other layout leaves bytes no tensor owns, a place to hide data.
        var next = 0L;
        foreach (var t in manifest.Tensors)
        {
            if (t.Offset != next)
                throw new PackedFileException(Invariant($"{path}: tensor '{t.Name}' starts at payload offset {t.Offset}; laid out in manifest order it starts at {next}"));
            next = PackedFileLayout.AlignUp(t.Offset + t.Length);
        }
        var end = manifest.Tensors[^1].Offset + manifest.Tensors[^1].Length;
        if (end != payloadLength)
            throw new PackedFileException(Invariant($"{path}: the payload is {payloadLength} bytes but its last tensor ends at {end}"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
