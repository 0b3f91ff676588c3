using System.Runtime.CompilerServices;
using QSLM.Errors;
using QSLM.Format.Packed;

namespace QSLM.Runtime.Inference;

/// <summary>
/// SpikeGPT (Zhu et al., arXiv:2302.13939) run as a recurrence on a memory-mapped packed model, one
/// token at a time, with the arithmetic of the host model (docs/model.md, "SpikeGPT in TorchSharp"):
/// <c>x = spike(emb[t])</c>; block 0 <c>x = ln0(x)</c>; per block
/// <c>x += LIF1(att(ln1(x)))</c>, <c>x += LIF2(ffn(ln2(x)))</c>; <c>ln_out</c>; then the LM head
/// or, over a sentence, the mean of the features into <c>cls</c>. Attention is RWKV-4 time-mix with
/// the WKV recurrence in float32 in its numerically stable form; LIF is tau 2, threshold 1, hard
/// reset. Matrices are never expanded: every product runs on the packed bytes.
/// Not thread-safe: one instance serves one stream at a time.
/// </summary>
public sealed class SpikeGptRuntime : IDisposable
{
    private const float LayerNormEpsilon = 1e-5f;
    private const float LifTau = 2f;
    private const float LifThreshold = 1f;

    private readonly PackedModel _model;
    private readonly PackedMatrix _embedding;
    private readonly BlockWeights[] _blocks;
    private readonly float[] _lnOutWeight;
    private readonly float[] _lnOutBias;
    private readonly PackedMatrix? _head;
    private readonly PackedMatrix? _cls;
    private readonly float[]? _clsBias;
    private readonly Scratch _scratch;

    private SpikeGptRuntime(PackedModel model, RuntimeOptions options)
    {
        _model = model;
        Options = options;
        var a = model.Manifest.Architecture;
        if (a.Family != "SpikeGPT") throw new PackedFileException($"{model.Path}: architecture family '{a.Family}' is not SpikeGPT");
        if (a.Layers < 1 || a.Width < 1 || a.VocabSize < 1)
            throw new PackedFileException($"{model.Path}: manifest architecture L{a.Layers} C{a.Width} V{a.VocabSize} is not a model");
        Layers = a.Layers;
        Width = a.Width;
        VocabSize = a.VocabSize;
        _embedding = RuntimeTensors.Matrix(model, "emb.weight", a.VocabSize, a.Width);
        _blocks = Enumerable.Range(0, a.Layers).Select(i => new BlockWeights(model, i, a.Width)).ToArray();
        _lnOutWeight = RuntimeTensors.Vector(model, "ln_out.weight", a.Width);
        _lnOutBias = RuntimeTensors.Vector(model, "ln_out.bias", a.Width);
        if (a.HasLmHead) _head = RuntimeTensors.Matrix(model, "head.weight", a.VocabSize, a.Width);
        if (a.ClassCount > 0)
        {
            _cls = RuntimeTensors.Matrix(model, "cls.weight", a.ClassCount, a.Width);
            _clsBias = RuntimeTensors.Vector(model, "cls.bias", a.ClassCount);
        }
        _scratch = new Scratch(a.Width);
        Counts = new OperationCounts(a.Layers, a.Width);
    }

    /// <summary>Maps and validates <paramref name="path"/> (see <see cref="PackedModel.Open"/>) and
    /// prepares the network; a file that is corrupt or does not hold a SpikeGPT is refused with a
    /// <see cref="PackedFileException"/>.</summary>
    public static SpikeGptRuntime Open(string path, RuntimeOptions? options = null)
    {
        var model = PackedModel.Open(path);
        try
        {
            return new SpikeGptRuntime(model, options ?? RuntimeOptions.Default);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Kernel path and threads.</summary>
    public RuntimeOptions Options { get; }

    /// <summary>The packed file's manifest.</summary>
    public PackedManifest Manifest => _model.Manifest;

    /// <summary>Size of the mapped file in bytes.</summary>
    public long FileSize => _model.FileSize;

    /// <summary>Blocks.</summary>
    public int Layers { get; }

    /// <summary>Width.</summary>
    public int Width { get; }

    /// <summary>Vocabulary size.</summary>
    public int VocabSize { get; }

    /// <summary>Whether the model predicts next tokens.</summary>
    public bool HasLmHead => _head is not null;

    /// <summary>Sentence classes (0 without a classifier).</summary>
    public int ClassCount => _cls?.Rows ?? 0;

    /// <summary>Operations and spikes since the runtime was opened (or <see cref="ResetCounts"/>).</summary>
    public OperationCounts Counts { get; private set; }

    /// <summary>Weight bytes read per token: every block matrix, the embedding row, and the LM head
    /// when <paramref name="withHead"/> — the memory traffic that bounds a token's time.</summary>
    public long WeightBytesPerToken(bool withHead) =>
        _blocks.Sum(b => b.Matrices.Sum(m => m.Bytes)) + _embedding.Format.RowBytes(Width) + (withHead && _head is not null ? _head.Bytes : 0);

    /// <summary>Starts counting afresh.</summary>
    public void ResetCounts() => Counts = new OperationCounts(Layers, Width);

    /// <summary>A fresh stream.</summary>
    public RuntimeState NewState() => new(Layers, Width);

    /// <summary>Runs one token; writes the <c>ln_out</c> features (length <see cref="Width"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Step(int token, RuntimeState state, Span<float> features)
    {
        if ((uint)token >= (uint)VocabSize)
            throw new InputException($"token id {token} is outside the vocabulary 0..{VocabSize - 1}");
        if (features.Length != Width) throw new ArgumentException($"features need {Width} elements, got {features.Length}");
        var s = _scratch;
        var x = s.X;
        _embedding.DecodeRow(token, s.A, Options.Path);
        var fired = 0;
        for (var c = 0; c < Width; c++)
        {
            var spike = s.A[c] >= 0f;
            x[c] = spike ? 1f : 0f;
            if (spike) fired++;
        }
        Counts.EmbeddingSpikes += fired;
        for (var i = 0; i < _blocks.Length; i++)
        {
            var b = _blocks[i];
            var layer = state.Layers[i];
            if (b.Ln0Weight is not null) SpikingLayerNorm(x, fired, b.Ln0Weight, b.Ln0Bias!);
            LayerNorm(x, b.Ln1Weight, b.Ln1Bias, s.A);
            TimeMix(b, layer, s.A, s.B);
            Counts.Spikes[2 * i] += Lif(s.B, layer.AttMembrane, x);
            LayerNorm(x, b.Ln2Weight, b.Ln2Bias, s.A);
            ChannelMix(b, layer, s.A, s.B);
            Counts.Spikes[2 * i + 1] += Lif(s.B, layer.FfnMembrane, x);
        }
        LayerNorm(x, _lnOutWeight, _lnOutBias, features);
        Counts.Tokens++;
    }

    /// <summary>Next-token logits (length <see cref="VocabSize"/>) from features.</summary>
    public void Logits(ReadOnlySpan<float> features, Span<float> logits)
    {
        var head = _head ?? throw new InvalidOperationException("this model has no LM head");
        Multiply(head, features, logits);
    }

    /// <summary>Runs a whole sentence from a fresh state and returns its class logits.</summary>
    public float[] Classify(ReadOnlySpan<int> tokens)
    {
        var cls = _cls ?? throw new InvalidOperationException("this model has no classification head");
        if (tokens.IsEmpty) throw new InputException("cannot classify an empty sentence");
        var state = NewState();
        var features = new float[Width];
        var mean = new double[Width];
        foreach (var t in tokens)
        {
            Step(t, state, features);
            for (var c = 0; c < Width; c++) mean[c] += features[c];
        }
        var count = tokens.Length;
        var pooled = mean.Select(m => (float)(m / count)).ToArray();
        var logits = new float[cls.Rows];
        Multiply(cls, pooled, logits);
        for (var k = 0; k < logits.Length; k++) logits[k] += _clsBias![k];
        return logits;
    }

    /// <inheritdoc />
    public void Dispose() => _model.Dispose();

    private void Multiply(PackedMatrix matrix, ReadOnlySpan<float> x, Span<float> y)
    {
        matrix.Multiply(x, y, Options);
        Counts.AddMultiplyAccumulates(matrix.Format.Bits, (long)matrix.Rows * matrix.Columns);
        if (matrix.Format.QuantizesActivations)
            Counts.AddIntegerMultiplyAccumulates((long)matrix.Rows * matrix.Columns, (long)matrix.Rows * Format.Codecs.ActivationQuantization.Groups(matrix.Columns));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void TimeMix(BlockWeights b, RuntimeState.LayerBuffers state, float[] input, float[] output)
    {
        var s = _scratch;
        Mix(input, state.AttShift, b.AttMixK, s.Mixed);
        Multiply(b.AttKey, s.Mixed, s.K);
        Mix(input, state.AttShift, b.AttMixV, s.Mixed);
        Multiply(b.AttValue, s.Mixed, s.V);
        Mix(input, state.AttShift, b.AttMixR, s.Mixed);
        Multiply(b.AttReceptance, s.Mixed, s.R);
        input.CopyTo(state.AttShift, 0);
        float[] aa = state.Numerator, bb = state.Denominator, pp = state.Max;
        for (var c = 0; c < Width; c++)
        {
            var k = s.K[c];
            var v = s.V[c];
            var ww = b.First[c] + k;
            var p = MathF.Max(pp[c], ww);
            var e1 = MathF.Exp(pp[c] - p);
            var e2 = MathF.Exp(ww - p);
            var wkv = (e1 * aa[c] + e2 * v) / (e1 * bb[c] + e2);
            var decayed = b.Decay[c] + pp[c];
            var q = MathF.Max(decayed, k);
            var f1 = MathF.Exp(decayed - q);
            var f2 = MathF.Exp(k - q);
            aa[c] = f1 * aa[c] + f2 * v;
            bb[c] = f1 * bb[c] + f2;
            pp[c] = q;
            s.Mixed[c] = Sigmoid(s.R[c]) * wkv;
        }
        Multiply(b.AttOutput, s.Mixed, output);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ChannelMix(BlockWeights b, RuntimeState.LayerBuffers state, float[] input, float[] output)
    {
        var s = _scratch;
        Mix(input, state.FfnShift, b.FfnMixK, s.Mixed);
        Multiply(b.FfnKey, s.Mixed, s.Hidden);
        for (var j = 0; j < s.Hidden.Length; j++)
        {
            var h = MathF.Max(s.Hidden[j], 0f);
            s.Hidden[j] = h * h;
        }
        Mix(input, state.FfnShift, b.FfnMixR, s.Mixed);
        Multiply(b.FfnReceptance, s.Mixed, s.R);
        input.CopyTo(state.FfnShift, 0);
        Multiply(b.FfnValue, s.Hidden, output);
        for (var c = 0; c < Width; c++) output[c] *= Sigmoid(s.R[c]);
    }

    // Leaky integrate-and-fire, one step: v += (x - v) / tau; spike iff v >= threshold; hard reset
    // to 0. A spike adds 1 to the residual stream, so only spiking channels are touched: an
    // accumulate each, no multiply.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Lif(float[] input, float[] membrane, float[] residual)
    {
        var fired = 0;
        for (var c = 0; c < Width; c++)
        {
            var charged = membrane[c] + (input[c] - membrane[c]) / LifTau;
            if (charged - LifThreshold >= 0f)
            {
                membrane[c] = 0f;
                residual[c] += 1f;
                fired++;
            }
            else
            {
                membrane[c] = charged;
            }
        }
        Counts.AddAccumulates(fired);
        return fired;
    }

    private static void Mix(float[] x, float[] previous, float[] mix, float[] output)
    {
        for (var c = 0; c < x.Length; c++) output[c] = x[c] * mix[c] + previous[c] * (1 - mix[c]);
    }

    private static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void LayerNorm(ReadOnlySpan<float> x, float[] weight, float[] bias, Span<float> output)
    {
        double sum = 0;
        foreach (var v in x) sum += v;
        var mean = sum / x.Length;
        double squares = 0;
        foreach (var v in x) squares += (v - mean) * (v - mean);
        var inverse = 1.0 / Math.Sqrt(squares / x.Length + LayerNormEpsilon);
        for (var c = 0; c < x.Length; c++) output[c] = (float)((x[c] - mean) * inverse) * weight[c] + bias[c];
    }

    // LayerNorm of a binary vector from its spike count alone: mean = k/C and, since x² = x,
    // variance = k/C − (k/C)². Both values of the output are then one multiply-add per channel.
    private void SpikingLayerNorm(float[] spikes, int fired, float[] weight, float[] bias)
    {
        var mean = (double)fired / Width;
        var inverse = 1.0 / Math.Sqrt(mean - mean * mean + LayerNormEpsilon);
        var on = (float)((1 - mean) * inverse);
        var off = (float)(-mean * inverse);
        for (var c = 0; c < Width; c++) spikes[c] = (spikes[c] != 0f ? on : off) * weight[c] + bias[c];
        Counts.AddAccumulates(fired);
    }

    private sealed class Scratch(int width)
    {
        public float[] X { get; } = new float[width];
        public float[] A { get; } = new float[width];
        public float[] B { get; } = new float[width];
        public float[] Mixed { get; } = new float[width];
        public float[] K { get; } = new float[width];
        public float[] V { get; } = new float[width];
        public float[] R { get; } = new float[width];
        public float[] Hidden { get; } = new float[4 * width];
    }
}
