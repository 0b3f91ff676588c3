using System.Text.Json.Serialization;

namespace QSLM.Format.Packed;

/// <summary>The network a packed file holds: enough to build the runtime without any other file.</summary>
/// <param name="Family">Model family, e.g. <c>SpikeGPT</c>.</param>
/// <param name="Layers">Number of blocks.</param>
/// <param name="Width">Embedding width.</param>
/// <param name="VocabSize">Vocabulary size.</param>
/// <param name="HasLmHead">Whether the file holds an LM head.</param>
/// <param name="ClassCount">Classes of the classification head (0 = none).</param>
public sealed record ArchitectureConfig(string Family, int Layers, int Width, int VocabSize, bool HasLmHead, int ClassCount);

/// <summary>One tensor's entry in the manifest.</summary>
/// <param name="Name">State-dict name.</param>
/// <param name="Shape">Shape; 2-D tensors are rows × columns, others are one row.</param>
/// <param name="Format">Format name (informative; the id decides).</param>
/// <param name="FormatId">Stable format id from the format table.</param>
/// <param name="Offset">Byte offset from the start of the payload; a multiple of 64.</param>
/// <param name="Length">Byte length; equals the format's exact size for the shape.</param>
/// <param name="Crc32">CRC-32 (IEEE) of the tensor's bytes, 8 lower-case hex digits.</param>
public sealed record PackedTensorEntry(string Name, long[] Shape, string Format, ushort FormatId, long Offset, long Length, string Crc32);

/// <summary>The JSON manifest of a packed model file.</summary>
/// <param name="Architecture">The network.</param>
/// <param name="VocabularyHash">SHA-256 of the vocabulary the model was trained with.</param>
/// <param name="Tensors">Every tensor, in payload order.</param>
public sealed record PackedManifest(ArchitectureConfig Architecture, string VocabularyHash, IReadOnlyList<PackedTensorEntry> Tensors);

/// <summary>Source-generated JSON (trimming- and AOT-safe, as the board's publish needs). A key given
/// twice or a key the manifest does not define is refused: either would let a file say one thing to
/// one reader and another to the next (a second <c>"tensors":[]</c> emptied a model).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false,
    AllowDuplicateProperties = false, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(PackedManifest))]
internal sealed partial class PackedManifestJson : JsonSerializerContext;
