using System.CommandLine;
using System.Globalization;
using QSLM.Cli.Rendering;
using QSLM.CommandLine;
using QSLM.Format.Packed;
using Spectre.Console;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm inspect FILE</c>: validate a packed model and show its tensors and totals.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Packed model file (.qslm)." }.NotAFolder();
        var command = new Command("inspect", "Validate a packed model file and print its tensors (shape, format, bytes, bits per weight) and totals.")
        {
            file,
        };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var path = parse.GetValue(file)!;
            using var model = PackedModel.Open(path);
            var a = model.Manifest.Architecture;
            // The family and the hash are the file's own text: printed with their control characters made visible.
            Terminal.WriteAnsiLine(TerminalText.Printable(string.Create(CultureInfo.InvariantCulture,
                $"{path}: {a.Family} L{a.Layers} C{a.Width} V{a.VocabSize}{(a.HasLmHead ? " +lm" : "")}{(a.ClassCount > 0 ? $" +cls{a.ClassCount}" : "")}, vocabulary {model.Manifest.VocabularyHash[..Math.Min(12, model.Manifest.VocabularyHash.Length)]}, checksums valid")));
            Print(PackedModelSummary.Of(model.Manifest, model.FileSize), path, perTensor: true);
            return CommandRunner.Success;
        }));
        return command;
    }

    internal static void Print(PackedModelSummary summary, string path, bool perTensor)
    {
        var inv = CultureInfo.InvariantCulture;
        if (perTensor)
        {
            var table = new Table().AddColumns("tensor", "shape", "format", "bytes", "bits/weight");
            foreach (var t in summary.Tensors)
            {
                table.AddRow(Markup.Escape(TerminalText.Printable(t.Name)), string.Join("x", t.Shape), t.Format.Name, t.Bytes.ToString("N0", inv), t.BitsPerWeight.ToString("F3", inv));
            }
            Terminal.Write(table);
        }
        // An all-fp32 file is its weights plus header, manifest and padding: a little larger.
        var reduction = summary.ReductionVsFp32 >= 0
            ? string.Create(inv, $"{summary.ReductionVsFp32:P1} smaller than fp32")
            : string.Create(inv, $"{-summary.ReductionVsFp32:P2} larger than fp32 (header, manifest, alignment)");
        Terminal.WriteAnsiLine(string.Create(inv,
            $"{path}: {summary.Parameters:N0} parameters, {summary.FileBytes:N0} bytes ({summary.TensorBytes:N0} of tensors), " +
            $"{summary.AverageBitsPerWeight:F3} bits/weight, {reduction} ({summary.Fp32Bytes:N0} bytes)"));
    }
}
