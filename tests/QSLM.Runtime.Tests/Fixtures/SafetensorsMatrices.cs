using System.Buffers.Binary;
using System.Text.Json;

namespace QSLM.Runtime.Tests.Fixtures;

/// <summary>Reads fp16 matrices of a safetensors file (8-byte little-endian header length, a JSON header of
/// <c>dtype</c>, <c>shape</c> and <c>data_offsets</c> per tensor, then the data) without TorchSharp, so the
/// runtime's kernels can be tested on the reference model's own weights.</summary>
internal static class SafetensorsMatrices
{
    public static (float[] Values, int Rows, int Columns) Read(string path, string name)
    {
        var bytes = File.ReadAllBytes(path);
        var headerLength = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(bytes));
        using var header = JsonDocument.Parse(bytes.AsMemory(8, headerLength));
        var tensor = header.RootElement.GetProperty(name);
        if (tensor.GetProperty("dtype").GetString() != "F16") throw new InvalidDataException($"{name} is not fp16");
        var shape = tensor.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
        var start = 8 + headerLength + tensor.GetProperty("data_offsets")[0].GetInt32();
        var values = new float[shape[0] * shape[1]];
        for (var i = 0; i < values.Length; i++) values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes.AsSpan(start + 2 * i));
        return (values, shape[0], shape[1]);
    }
}
