using System.CommandLine;
using QSLM.Benchmarks;
using QSLM.Benchmarks.Peers;
using QSLM.Cli.Rendering;
using QSLM.Cli.Rendering.Benchmarks;
using QSLM.CommandLine;
using QSLM.Errors;
using QSLM.Format.Formats;
using QSLM.Harness;
using QSLM.Runtime.Kernels;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm bench …</c>: benchmarks that print ratios against a baseline measured in the same run.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Benchmarks; each prints what it ran on and ratios against a baseline measured in the same run.");
        var rows = new Option<int>("--rows") { Description = "Rows of the benchmark tensor.", DefaultValueFactory = _ => 2048 }.InRange(1, 65_536);
        var columns = new Option<int>("--columns") { Description = "Columns of the benchmark tensor.", DefaultValueFactory = _ => 4096 }.InRange(1, 65_536);
        var repeats = new Option<int>("--repeats") { Description = "Timed runs (the median is reported).", DefaultValueFactory = _ => 5 }.InRange(1, 1000);
        var pack = new Command("pack", "Pack and unpack throughput of int8 and int4 against a plain copy of the same bytes.") { rows, columns, repeats };
        pack.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var (r, c, n) = (parse.GetValue(rows), parse.GetValue(columns), Math.Max(1, parse.GetValue(repeats)));
            PackBenchmarkView.Header(Terminal.Ansi, r, c, n, BenchTimer.Machine());
            PackBenchmarkView.Results(Terminal.Ansi, PackBenchmark.Run(r, c, n));
            return CommandRunner.Success;
        }));
        command.Subcommands.Add(pack);

        var checkpoint = new Option<string>("--checkpoint") { Description = "Language model to pack as fp32, int8 and int4.", DefaultValueFactory = _ => RepositoryPaths.ReferenceLm };
        var tokens = new Option<int>("--tokens") { Description = "Timed tokens per variant.", DefaultValueFactory = _ => 300 }.InRange(1, 10_000_000);
        var threads = new Option<int>("--threads") { Description = "Threads of the runtime (TorchSharp uses OMP_NUM_THREADS or one per core).", DefaultValueFactory = _ => Environment.ProcessorCount }.InRange(1, 4096);
        var synthetic = new Option<string?>("--synthetic")
        {
            Description = "Instead of --checkpoint, a randomly initialised SpikeGPT of BLOCKSxWIDTH (e.g. 12x768) with the WikiText-2 vocabulary: a model whose fp32 weights do not fit the last-level cache, as on a board. Timing only; its outputs mean nothing.",
        };
        var formats = new Option<string>("--formats")
        {
            Description = "Comma-separated formats, each packed for every tensor and timed; fp32 is always timed, first.",
            DefaultValueFactory = _ => "fp32,int8,int4,int4_g32,int3,int2,sign1,int8_a8,int4_a8,int4_g32_a8,int3_a8,int2_a8,sign1_a8",
        };
        var peerShapes = new Option<string>("--peer-shapes")
        {
            Description = "Weight shapes (ROWSxCOLUMNS, comma-separated) on which the int4 kernels are timed against ONNX Runtime's MatMulNBits; 'none' skips the peer.",
            DefaultValueFactory = _ => "768x768,3072x768,768x3072",
        };
        var runtime = new Command("runtime", "Tokens/s of the board runtime on packings of every tensor in each of --formats and of the TorchSharp fp32 recurrence, against the memory-bandwidth floor measured in the same run; "
            + "then the int4 kernels against ONNX Runtime's MatMulNBits on the same shapes and thread count.")
        {
            checkpoint, synthetic, tokens, threads, formats, peerShapes,
        };
        runtime.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            if (parse.GetValue(tokens) < 1) throw new InputException("--tokens must be at least 1");
            if (parse.GetValue(threads) < 1) throw new InputException("--threads must be at least 1");
            var timed = parse.GetValue(formats)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(name => QuantFormats.Get(name).Name).Prepend("fp32").Distinct().ToList();
            var shapes = PeerShapes(parse.GetValue(peerShapes)!);
            var size = parse.GetValue(synthetic);
            var source = size is null ? BenchModel.FromCheckpoint(parse.GetValue(checkpoint)!) : BenchModel.Synthetic(size);
            RuntimeBenchmarkView.Header(Terminal.Ansi, source.Description, parse.GetValue(tokens), parse.GetValue(threads), BenchTimer.Machine(), KernelPaths.Describe());
            var bandwidth = RuntimeBenchmark.StreamingBandwidth(parse.GetValue(threads));
            RuntimeBenchmarkView.Bandwidth(Terminal.Ansi, bandwidth, parse.GetValue(threads));
            RuntimeBenchmarkView.Results(Terminal.Ansi, RuntimeBenchmark.Run(source, parse.GetValue(tokens), parse.GetValue(threads), bandwidth, timed), beyondCache: size is not null);
            if (shapes.Count > 0)
            {
                PeerBenchmarkView.Header(Terminal.Ansi, parse.GetValue(threads));
                PeerBenchmarkView.Results(Terminal.Ansi, MatMulNBitsPeer.Run(shapes, parse.GetValue(threads)));
            }
            return CommandRunner.Success;
        }));
        command.Subcommands.Add(runtime);
        command.Subcommands.Add(BenchDeployCommand.Create());
        command.Subcommands.Add(BenchSearchCommand.Create());
        return command;
    }

    private static IReadOnlyList<(int Rows, int Columns)> PeerShapes(string text)
    {
        if (text.Trim() == "none") return [];
        return [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(shape =>
        {
            var parts = shape.Split('x');
            return parts.Length == 2 && int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var rows)
                && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var columns)
                && rows is >= 1 and <= 65_536 && columns is >= 32 and <= 65_536 && columns % 32 == 0
                ? (rows, columns)
                : throw new InputException($"--peer-shapes: '{shape}' is not ROWSxCOLUMNS with 1 to 65536 rows and a multiple of 32 columns up to 65536");
        })];
    }
}
