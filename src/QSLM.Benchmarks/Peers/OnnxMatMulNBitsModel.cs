using Google.Protobuf;

namespace QSLM.Benchmarks.Peers;

/// <summary>
/// An ONNX model of one ONNX Runtime <c>MatMulNBits</c> node (contrib operator, domain <c>com.microsoft</c>):
/// <c>Y[1, N] = A[1, K] · dequantize(B)ᵀ</c>, B holding <c>bits</c>-bit codes in blocks of <c>block_size</c> along K with one
/// float scale per block and the default zero point <c>2^(bits-1)</c>. Written from the ONNX IR's protobuf field
/// numbers (onnx/onnx.proto: ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto), so no
/// model is downloaded and no ONNX package is needed to build one.
/// </summary>
public static class OnnxMatMulNBitsModel
{
    // ONNX IR 9 and opset 21 are what ONNX Runtime 1.20 and later load; contrib operators are version 1.
    private const long IrVersion = 9;
    private const long Opset = 21;
    private const int FloatType = 1;
    private const int Uint8Type = 2;
    private const int IntAttribute = 2;

    /// <summary>The model's bytes.</summary>
    /// <param name="n">Output size (rows of the weight).</param>
    /// <param name="k">Input size (columns of the weight); a multiple of <paramref name="blockSize"/>.</param>
    /// <param name="bits">Bits per code (4 here).</param>
    /// <param name="blockSize">Codes per block (32 here).</param>
    /// <param name="accuracyLevel">ONNX Runtime's <c>accuracy_level</c>: 0 computes in float, 4 quantizes A to int8 per block.</param>
    /// <param name="packedCodes">B: for each row, each block's codes, two 4-bit codes per byte, the first in the low nibble.</param>
    /// <param name="scales">One scale per row and block, row-major.</param>
    public static byte[] Write(int n, int k, int bits, int blockSize, int accuracyLevel, byte[] packedCodes, float[] scales)
    {
        var blocks = k / blockSize;
        var blob = blockSize * bits / 8;
        var node = Message(w =>
        {
            String(w, 1, "A");
            String(w, 1, "B");
            String(w, 1, "scales");
            String(w, 2, "Y");
            String(w, 3, "matmul");
            String(w, 4, "MatMulNBits");
            foreach (var (name, value) in new (string, long)[] { ("K", k), ("N", n), ("bits", bits), ("block_size", blockSize), ("accuracy_level", accuracyLevel) })
                Bytes(w, 5, Message(a => { String(a, 1, name); Int(a, 3, value); Int(a, 20, IntAttribute); }));
            String(w, 7, "com.microsoft");
        });
        var scaleBytes = new byte[scales.Length * sizeof(float)];
        Buffer.BlockCopy(scales, 0, scaleBytes, 0, scaleBytes.Length);
        var graph = Message(w =>
        {
            Bytes(w, 1, node);
            String(w, 2, "matmul_nbits");
            Bytes(w, 5, Tensor("B", Uint8Type, [n, blocks, blob], packedCodes));
            Bytes(w, 5, Tensor("scales", FloatType, [(long)n * blocks], scaleBytes));
            Bytes(w, 11, Value("A", [1, k]));
            Bytes(w, 12, Value("Y", [1, n]));
        });
        return Message(w =>
        {
            Int(w, 1, IrVersion);
            String(w, 2, "qslm bench runtime");
            Bytes(w, 7, graph);
            Bytes(w, 8, Message(o => { String(o, 1, ""); Int(o, 2, Opset); }));
            Bytes(w, 8, Message(o => { String(o, 1, "com.microsoft"); Int(o, 2, 1); }));
        });
    }

    private static byte[] Tensor(string name, int type, long[] dims, byte[] raw) => Message(w =>
    {
        foreach (var d in dims) Int(w, 1, d);
        Int(w, 2, type);
        String(w, 8, name);
        Bytes(w, 9, raw);
    });

    // ValueInfoProto { name, type: TypeProto { tensor_type: { elem_type: FLOAT, shape: { dim: { dim_value } ... } } } }.
    private static byte[] Value(string name, long[] dims) => Message(w =>
    {
        String(w, 1, name);
        var shape = Message(s => { foreach (var d in dims) Bytes(s, 1, Message(x => Int(x, 1, d))); });
        Bytes(w, 2, Message(t => Bytes(t, 1, Message(tensor => { Int(tensor, 1, FloatType); Bytes(tensor, 2, shape); }))));
    });

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var bytes = new MemoryStream();
        using (var output = new CodedOutputStream(bytes, leaveOpen: true)) write(output);
        return bytes.ToArray();
    }

    private static void Int(CodedOutputStream w, int field, long value)
    {
        w.WriteTag(field, WireFormat.WireType.Varint);
        w.WriteInt64(value);
    }

    private static void String(CodedOutputStream w, int field, string value)
    {
        w.WriteTag(field, WireFormat.WireType.LengthDelimited);
        w.WriteString(value);
    }

    private static void Bytes(CodedOutputStream w, int field, byte[] value)
    {
        w.WriteTag(field, WireFormat.WireType.LengthDelimited);
        w.WriteBytes(ByteString.CopyFrom(value));
    }
}
