namespace QSLM.Format.Tests.Packed.Damage;

/// <summary>The kinds of damage the corruption suite inflicts on a packed file.</summary>
public enum DamageClass
{
    /// <summary>Bits flipped anywhere; nothing re-signed.</summary>
    RawBitFlip,

    /// <summary>Bits flipped in the manifest or the payload, then CRC-32s and SHA-256 recomputed.</summary>
    ResignedBitFlip,

    /// <summary>The file cut short.</summary>
    Truncation,

    /// <summary>A manifest field changed (offset, length, format, name, shape, CRC), then re-signed.</summary>
    LyingManifest,

    /// <summary>Shapes, lengths and offsets whose sizes overflow a long, re-signed.</summary>
    OverflowingSize,

    /// <summary>The architecture changed against its tensors (layers, width, vocabulary, heads), re-signed.</summary>
    ArchitectureLie,

    /// <summary>A NaN or infinite weight, scale or minimum, re-signed.</summary>
    NonFinite,

    /// <summary>A JSON key given twice, re-signed.</summary>
    DuplicateKey,
}

/// <summary>One damaged file: its class, seed, what was done, and its bytes.</summary>
public sealed record DamagedFile(DamageClass Class, int Seed, string Description, byte[] Bytes)
{
    /// <summary>Whether a file of this class may be accepted at all: only re-signed edits can leave a file entirely consistent.</summary>
    public bool MayBeConsistent => Class is DamageClass.ResignedBitFlip or DamageClass.LyingManifest or DamageClass.ArchitectureLie;

    /// <inheritdoc />
    public override string ToString() => $"{Class} #{Seed}: {Description}";
}
