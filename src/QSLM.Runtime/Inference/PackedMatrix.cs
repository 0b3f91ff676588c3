using QSLM.Format.Codecs;
using QSLM.Format.Formats;
using QSLM.Format.Packed;
using QSLM.Runtime.Kernels;

namespace QSLM.Runtime.Inference;

/// <summary>A weight matrix left packed in the mapped model file, multiplied by its format's kernel.
/// Not thread-safe (it keeps buffers for the threads it hands rows to).</summary>
public sealed class PackedMatrix
{
    // Below this many weights a matrix is multiplied on one thread: handing rows to other threads
    // costs more than the work (measured: the C×C matrices of a width-192 model).
    private const long ParallelThreshold = 1 << 20;

    private readonly PackedModel _model;
    private readonly IMatVecKernel _kernel;
    private readonly IQuantCodec[] _codecs;
    private float[]? _input;
    private float[]? _output;

    /// <summary>Wraps tensor <paramref name="name"/> of <paramref name="model"/>.</summary>
    public PackedMatrix(PackedModel model, string name)
    {
        _model = model;
        Name = name;
        var entry = model.Entry(name);
        if (entry.Shape.Length != 2) throw new PackedFileException($"{model.Path}: {name} is not a matrix (shape [{string.Join(", ", entry.Shape)}])");
        Rows = checked((int)entry.Shape[0]);
        Columns = checked((int)entry.Shape[1]);
        Format = model.FormatOf(name);
        _kernel = MatVecKernels.For(Format, Columns);
        _codecs = Enum.GetValues<KernelPath>().Select(path => KernelPaths.CodecFor(Format, path)).ToArray();
    }

    /// <summary>Tensor name in the packed file.</summary>
    public string Name { get; }

    /// <summary>Output size.</summary>
    public int Rows { get; }

    /// <summary>Input size.</summary>
    public int Columns { get; }

    /// <summary>Storage format.</summary>
    public QuantFormat Format { get; }

    /// <summary>Bytes read from the file per full product.</summary>
    public long Bytes => Format.EncodedBytes(Rows, Columns);

    /// <summary><c>y = W x</c>.</summary>
    public void Multiply(ReadOnlySpan<float> x, Span<float> y, RuntimeOptions options)
    {
        if (x.Length != Columns || y.Length != Rows)
            throw new ArgumentException($"{Name}: {Rows}x{Columns} matrix given vectors of {x.Length} and {y.Length}");
        var threads = Math.Min(options.Threads, Rows / 64);
        if (threads <= 1 || (long)Rows * Columns < ParallelThreshold)
        {
            _kernel.Multiply(_model.TensorBytes(Name), Columns, 0, x, y, options.Path);
            return;
        }
        // Lambdas cannot capture spans: copy the input into a buffer kept for the next call.
        var input = _input ??= new float[Columns];
        var output = _output ??= new float[Rows];
        x.CopyTo(input);
        var per = (Rows + threads - 1) / threads;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var first = t * per;
            var count = Math.Min(per, Rows - first);
            if (count > 0) _kernel.Multiply(_model.TensorBytes(Name), Columns, first, input, output.AsSpan(first, count), options.Path);
        });
        output.CopyTo(y);
    }

    /// <summary>The codec that decodes this matrix's rows on <paramref name="path"/>.</summary>
    internal IQuantCodec DecodingCodec(KernelPath path) => _codecs[(int)path];

    /// <summary>Decodes row <paramref name="row"/> (an embedding lookup) as <paramref name="path"/> allows.</summary>
    public void DecodeRow(int row, Span<float> destination, KernelPath path)
    {
        var rowBytes = (int)Format.RowBytes(Columns);
        DecodingCodec(path).Decode(_model.TensorBytes(Name).Slice(row * rowBytes, rowBytes), 1, Columns, destination);
    }
}
