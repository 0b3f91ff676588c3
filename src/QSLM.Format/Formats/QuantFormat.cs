namespace QSLM.Format.Formats;

/// <summary>
/// One row of the format table (in the manner of ggml's type traits): a stable id that is never
/// reused, a name, bits per stored element, the group size (0 = one group per output channel, i.e.
/// per row), and the per-group overhead. Byte counts are exact: the packed file stores exactly
/// <see cref="EncodedBytes"/> bytes for a tensor.
/// </summary>
/// <param name="Id">Stable numeric id written into packed files.</param>
/// <param name="Name">Name used on the command line and in manifests, e.g. <c>int4_g32</c>.</param>
/// <param name="Scheme">How values are mapped.</param>
/// <param name="Bits">Bits per stored element.</param>
/// <param name="GroupSize">Elements sharing one scale; 0 means a whole row (per output channel).</param>
/// <param name="ActivationBits">0 when a product with these weights takes float inputs (weight-only
/// quantization); 8 when the input of the product is quantized too, per group of
/// <see cref="Codecs.ActivationQuantization.GroupSize"/> to int8 with one float scale
/// (<see cref="Codecs.ActivationQuantization"/>), and the dot products run in integers. The stored weights
/// of such a format are byte for byte those of its weight-only twin (<see cref="QuantFormats.WeightOnly"/>).</param>
public sealed record QuantFormat(ushort Id, string Name, QuantScheme Scheme, int Bits, int GroupSize, int ActivationBits = 0)
{
    /// <summary>Whether products with these weights quantize their input to integers (an A8 format).</summary>
    public bool QuantizesActivations => ActivationBits > 0;

    /// <summary>Bytes of per-group metadata: an fp16 scale (symmetric), fp16 scale and minimum
    /// (asymmetric), none for floats and signs.</summary>
    public int GroupOverheadBytes => Scheme switch
    {
        QuantScheme.Symmetric => 2,
        QuantScheme.Asymmetric => 4,
        _ => 0,
    };

    /// <summary>Whether one group spans a whole row.</summary>
    public bool IsPerChannel => GroupSize == 0;

    /// <summary>Largest code magnitude of a symmetric format, e.g. 7 for 4 bits.</summary>
    public int SymmetricMax => (1 << (Bits - 1)) - 1;

    /// <summary>Largest code of an asymmetric format, e.g. 15 for 4 bits.</summary>
    public int AsymmetricMax => (1 << Bits) - 1;

    /// <summary>Group length used for rows of <paramref name="columns"/> elements.</summary>
    public int GroupLength(long columns) => Scheme is QuantScheme.Float or QuantScheme.Sign
        ? (int)Math.Min(columns, int.MaxValue)
        : IsPerChannel ? checked((int)columns) : GroupSize;

    /// <summary>Bytes one row of <paramref name="columns"/> elements takes: groups of
    /// <see cref="GroupLength"/> elements (the last may be shorter), each its overhead then its
    /// codes packed to whole bytes. Checked: a size that does not fit a long throws
    /// <see cref="OverflowException"/> (a packed file's shapes are untrusted).</summary>
    public long RowBytes(long columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        checked
        {
            if (Scheme == QuantScheme.Float) return columns * (Bits / 8);
            if (Scheme == QuantScheme.Sign) return columns / 8 + (columns % 8 == 0 ? 0 : 1);
            if (columns == 0) return 0;
            var group = GroupLength(columns);
            var fullGroups = columns / group;
            var tail = columns % group;
            var bytes = fullGroups * (GroupOverheadBytes + PackedBytes(group));
            if (tail > 0) bytes += GroupOverheadBytes + PackedBytes(tail);
            return bytes;
        }
    }

    /// <summary>Exact bytes of a tensor of <paramref name="rows"/> × <paramref name="columns"/>; throws
    /// <see cref="OverflowException"/> when that does not fit a long.</summary>
    public long EncodedBytes(long rows, long columns) => checked(rows * RowBytes(columns));

    /// <summary>Average stored bits per weight, scales included, for rows of <paramref name="columns"/>.</summary>
    public double EffectiveBitsPerWeight(long columns) => columns == 0 ? 0 : 8.0 * RowBytes(columns) / columns;

    /// <summary>Average stored bits per weight for a full group (the nominal figure of the table).</summary>
    public double NominalBitsPerWeight => Scheme switch
    {
        QuantScheme.Float or QuantScheme.Sign => Bits,
        _ when IsPerChannel => Bits,
        _ => 8.0 * (GroupOverheadBytes + PackedBytes(GroupSize)) / GroupSize,
    };

    private long PackedBytes(long elements) => checked(elements * Bits + 7) / 8;

    /// <inheritdoc />
    public override string ToString() => Name;
}
