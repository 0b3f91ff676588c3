using QSLM.Format.Codecs;
using QSLM.Format.Formats;
using QSLM.Model.Quantization;
using static TorchSharp.torch;

namespace QSLM.Model.Tests.Quantization;

public class ActivationFakeQuantizerTests
{
    [Theory]
    [InlineData(256)]
    [InlineData(1024)]
    [InlineData(100)]
    [InlineData(7)]
    public void The_host_quantizes_activations_bit_for_bit_as_the_board_does(int columns)
    {
        var random = new Random(columns);
        const int rows = 40;
        var values = new float[rows * columns];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (i % 5) switch
            {
                // Exact ties: with a group maximum of 127 the scale is 1, so k + 0.5 sits halfway between codes.
                0 => (float)(random.Next(-120, 120) + 0.5),
                1 => 0f,
                _ => (float)((random.NextDouble() * 2 - 1) * Math.Pow(10, random.Next(-3, 3))),
            };
        }
        // Row 0's groups each hold 127, making those ties land exactly on .5; row 1 is all zeros.
        for (var c = 0; c < columns; c += ActivationQuantization.GroupSize) values[c] = 127f;
        Array.Clear(values, columns, columns);
        using var input = tensor(values).reshape(rows / 2, 2, columns);
        using var host = ActivationFakeQuantizer.Apply(input);
        var hostValues = host.reshape(-1).data<float>().ToArray();

        var codes = new sbyte[columns];
        var scales = new float[ActivationQuantization.Groups(columns)];
        for (var r = 0; r < rows; r++)
        {
            ActivationQuantization.Quantize(values.AsSpan(r * columns, columns), codes, scales);
            for (var c = 0; c < columns; c++)
            {
                var board = codes[c] * scales[c / ActivationQuantization.GroupSize];
                Assert.True(BitConverter.SingleToInt32Bits(board) == BitConverter.SingleToInt32Bits(hostValues[r * columns + c]),
                    $"row {r} column {c}: host {hostValues[r * columns + c]} board {board} (input {values[r * columns + c]})");
            }
        }
    }

    [Fact]
    public void An_a8_assignment_quantizes_the_inputs_of_its_products_and_its_weights_are_its_weight_only_twins()
    {
        using var a8 = SpikeGptForwardTests.ActiveModel(dtype: ScalarType.Float32);
        using var weightOnly = SpikeGptForwardTests.ActiveModel(dtype: ScalarType.Float32);
        FakeQuantizer.Apply(a8, PrecisionAssignment.Parse("*=int8_g32_a8"));
        FakeQuantizer.Apply(weightOnly, PrecisionAssignment.Parse("*=int8_g32"));
        foreach (var ((name, w8), (_, w)) in a8.state_dict().Zip(weightOnly.state_dict()))
        {
            Assert.True(FakeQuantizer.Values(w8).AsSpan().SequenceEqual(FakeQuantizer.Values(w)), $"{name} differs");
        }
        using var tokens = tensor(new long[] { 1, 5, 9, 2, 7, 3 }).reshape(1, 6);
        using var quantized = a8.LmLogits(a8.Forward(tokens).Features);
        using var floats = weightOnly.LmLogits(weightOnly.Forward(tokens).Features);
        Assert.False(quantized.allclose(floats, rtol: 0, atol: 1e-7), "quantizing the inputs changed nothing");
        a8.QuantizeInputs(_ => false);
        using var unquantized = a8.LmLogits(a8.Forward(tokens).Features);
        Assert.True(unquantized.eq(floats).all().item<bool>(), "without input quantization an A8 model is its weight-only twin");
    }
}
