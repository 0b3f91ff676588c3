using Microsoft.ML.OnnxRuntime;
using QSLM.Benchmarks.Peers;

namespace QSLM.Cli.Tests.Benchmarks.Peers;

public sealed class OnnxMatMulNBitsModelTests
{
    // Two rows of 64 columns (two blocks each) with chosen codes and scales: ONNX Runtime must give exactly
    // sum((code - 8) * scale * a) per row, which holds only if the graph, the nibble order and the zero point are right.
    [Fact]
    public void Onnx_runtime_runs_the_written_graph_with_the_low_nibble_first_and_zero_point_eight()
    {
        const int Rows = 2, Columns = 64;
        var codes = new int[Rows * Columns];
        for (var i = 0; i < codes.Length; i++) codes[i] = (i * 7 + i / 5) % 16;
        var scales = new[] { 0.5f, 0.25f, 2f, 1f };
        var packed = new byte[Rows * 2 * 16];
        for (var i = 0; i < codes.Length; i++) packed[i / 2] |= (byte)(i % 2 == 0 ? codes[i] : codes[i] << 4);
        var a = new float[Columns];
        for (var i = 0; i < Columns; i++) a[i] = (i % 3) - 1 + (i % 4) * 0.25f;

        var y = new float[Rows];
        using var session = new InferenceSession(OnnxMatMulNBitsModel.Write(Rows, Columns, 4, 32, 0, packed, scales));
        using var input = OrtValue.CreateTensorValueFromMemory(a, [1, Columns]);
        using var output = OrtValue.CreateTensorValueFromMemory(y, [1, Rows]);
        using var run = new Microsoft.ML.OnnxRuntime.RunOptions();
        session.Run(run, ["A"], [input], ["Y"], [output]);

        for (var r = 0; r < Rows; r++)
        {
            var expected = 0.0;
            for (var c = 0; c < Columns; c++) expected += (codes[r * Columns + c] - 8) * scales[r * 2 + c / 32] * (double)a[c];
            Assert.Equal(expected, y[r], 4);
        }
    }

    [Fact]
    public void The_peers_blocks_hold_each_weight_to_half_a_step_of_its_blocks_scale()
    {
        var random = new Random(3);
        var weights = new float[3 * 64];
        for (var i = 0; i < weights.Length; i++) weights[i] = (float)(random.NextDouble() - 0.5);

        var (codes, scales) = MatMulNBitsPeer.Int4Blocks(weights, 3, 64);

        for (var i = 0; i < weights.Length; i++)
        {
            var code = (codes[i / 2] >> (i % 2 == 0 ? 0 : 4)) & 0xF;
            var scale = scales[i / 32];
            Assert.InRange(Math.Abs((code - 8) * scale - weights[i]), 0, scale / 2 + 1e-6);
        }
    }
}
