using QSLM.Errors;

namespace QSLM.Format.Formats;

/// <summary>
/// The table of quantization formats, each declared once. Ids are written into packed files and
/// are never reused or renumbered: a new format takes a new id, a retired one leaves a gap.
/// </summary>
public static class QuantFormats
{
    /// <summary>Every format, in id order.</summary>
    public static readonly IReadOnlyList<QuantFormat> All =
    [
        new(1, "fp32", QuantScheme.Float, 32, 0),
        new(2, "fp16", QuantScheme.Float, 16, 0),
        new(3, "bf16", QuantScheme.Float, 16, 0),
        new(4, "sign1", QuantScheme.Sign, 1, 0),

        // Symmetric, one fp16 scale per output channel (row).
        new(10, "int8", QuantScheme.Symmetric, 8, 0),
        new(11, "int6", QuantScheme.Symmetric, 6, 0),
        new(12, "int5", QuantScheme.Symmetric, 5, 0),
        new(13, "int4", QuantScheme.Symmetric, 4, 0),
        new(14, "int3", QuantScheme.Symmetric, 3, 0),
        new(15, "int2", QuantScheme.Symmetric, 2, 0),

        // Symmetric, one fp16 scale per group of 32/64/128 weights along a row.
        new(20, "int8_g32", QuantScheme.Symmetric, 8, 32),
        new(21, "int8_g64", QuantScheme.Symmetric, 8, 64),
        new(22, "int8_g128", QuantScheme.Symmetric, 8, 128),
        new(23, "int6_g32", QuantScheme.Symmetric, 6, 32),
        new(24, "int6_g64", QuantScheme.Symmetric, 6, 64),
        new(25, "int6_g128", QuantScheme.Symmetric, 6, 128),
        new(26, "int5_g32", QuantScheme.Symmetric, 5, 32),
        new(27, "int5_g64", QuantScheme.Symmetric, 5, 64),
        new(28, "int5_g128", QuantScheme.Symmetric, 5, 128),
        new(29, "int4_g32", QuantScheme.Symmetric, 4, 32),
        new(30, "int4_g64", QuantScheme.Symmetric, 4, 64),
        new(31, "int4_g128", QuantScheme.Symmetric, 4, 128),
        new(32, "int3_g32", QuantScheme.Symmetric, 3, 32),
        new(33, "int3_g64", QuantScheme.Symmetric, 3, 64),
        new(34, "int3_g128", QuantScheme.Symmetric, 3, 128),
        new(35, "int2_g32", QuantScheme.Symmetric, 2, 32),
        new(36, "int2_g64", QuantScheme.Symmetric, 2, 64),
        new(37, "int2_g128", QuantScheme.Symmetric, 2, 128),

        // Asymmetric (zero point), fp16 scale and fp16 minimum per group.
        new(40, "int8_g32_asym", QuantScheme.Asymmetric, 8, 32),
        new(41, "int8_g64_asym", QuantScheme.Asymmetric, 8, 64),
        new(42, "int8_g128_asym", QuantScheme.Asymmetric, 8, 128),
        new(43, "int6_g32_asym", QuantScheme.Asymmetric, 6, 32),
        new(44, "int6_g64_asym", QuantScheme.Asymmetric, 6, 64),
        new(45, "int6_g128_asym", QuantScheme.Asymmetric, 6, 128),
        new(46, "int5_g32_asym", QuantScheme.Asymmetric, 5, 32),
        new(47, "int5_g64_asym", QuantScheme.Asymmetric, 5, 64),
        new(48, "int5_g128_asym", QuantScheme.Asymmetric, 5, 128),
        new(49, "int4_g32_asym", QuantScheme.Asymmetric, 4, 32),
        new(50, "int4_g64_asym", QuantScheme.Asymmetric, 4, 64),
        new(51, "int4_g128_asym", QuantScheme.Asymmetric, 4, 128),
        new(52, "int3_g32_asym", QuantScheme.Asymmetric, 3, 32),
        new(53, "int3_g64_asym", QuantScheme.Asymmetric, 3, 64),
        new(54, "int3_g128_asym", QuantScheme.Asymmetric, 3, 128),
        new(55, "int2_g32_asym", QuantScheme.Asymmetric, 2, 32),
        new(56, "int2_g64_asym", QuantScheme.Asymmetric, 2, 64),
        new(57, "int2_g128_asym", QuantScheme.Asymmetric, 2, 128),

        // Integer activations (A8): the weights of the weight-only format of the same bits and group,
        // and each product's input quantized to int8 per group of 32 with one float scale.
        new(60, "int8_a8", QuantScheme.Symmetric, 8, 0, ActivationBits: 8),
        new(61, "int4_a8", QuantScheme.Symmetric, 4, 0, ActivationBits: 8),
        new(62, "int8_g32_a8", QuantScheme.Symmetric, 8, 32, ActivationBits: 8),
        new(63, "int4_g32_a8", QuantScheme.Symmetric, 4, 32, ActivationBits: 8),
        new(64, "sign1_a8", QuantScheme.Sign, 1, 0, ActivationBits: 8),
        new(65, "int3_a8", QuantScheme.Symmetric, 3, 0, ActivationBits: 8),
        new(66, "int2_a8", QuantScheme.Symmetric, 2, 0, ActivationBits: 8),
        new(67, "int3_g32_a8", QuantScheme.Symmetric, 3, 32, ActivationBits: 8),
        new(68, "int2_g32_a8", QuantScheme.Symmetric, 2, 32, ActivationBits: 8),
    ];

    private static readonly Dictionary<ushort, QuantFormat> ById = All.ToDictionary(f => f.Id);
    private static readonly Dictionary<string, QuantFormat> ByName = All.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The weight-only format whose weights <paramref name="format"/> stores (itself when it
    /// takes float inputs): same scheme, bits and group.</summary>
    public static QuantFormat WeightOnly(QuantFormat format) => format.QuantizesActivations
        ? All.First(f => !f.QuantizesActivations && f.Scheme == format.Scheme && f.Bits == format.Bits && f.GroupSize == format.GroupSize)
        : format;

    /// <summary>32-bit IEEE-754 floats: the unquantized baseline.</summary>
    public static QuantFormat Fp32 => ById[1];

    /// <summary>The format with id <paramref name="id"/>, if there is one.</summary>
    public static bool TryGet(ushort id, out QuantFormat format) => ById.TryGetValue(id, out format!);

    /// <summary>The format named <paramref name="name"/> (case-insensitive), if there is one.</summary>
    public static bool TryGet(string name, out QuantFormat format) => ByName.TryGetValue(name, out format!);

    /// <summary>The format named <paramref name="name"/>; otherwise an <see cref="InputException"/> with the list of
    /// names (a format name comes from a command line, a precision file or a packed file).</summary>
    public static QuantFormat Get(string name) => TryGet(name, out var f)
        ? f
        : throw new InputException($"unknown quantization format '{name}' (known: {string.Join(", ", All.Select(x => x.Name))})");
}
