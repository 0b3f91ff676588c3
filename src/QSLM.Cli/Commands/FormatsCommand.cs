using System.CommandLine;
using System.Globalization;
using QSLM.Cli.Rendering;
using QSLM.Format.Formats;
using Spectre.Console;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm formats</c>: the quantization format table.</summary>
internal static class FormatsCommand
{
    public static Command Create()
    {
        var command = new Command("formats", "List the quantization formats: id, name, scheme, bits, group size, bits per weight with scales, and the inputs of a product (float, or int8 per group of 32 for the A8 formats).");
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var inv = CultureInfo.InvariantCulture;
            var table = new Table().AddColumns("id", "name", "scheme", "bits", "group", "bits/weight", "inputs");
            foreach (var f in QuantFormats.All)
            {
                table.AddRow(f.Id.ToString(inv), f.Name, f.Scheme.ToString(), f.Bits.ToString(inv),
                    f.Scheme is QuantScheme.Float or QuantScheme.Sign ? "-" : f.IsPerChannel ? "row" : f.GroupSize.ToString(inv),
                    f.IsPerChannel && f.Scheme is QuantScheme.Symmetric ? string.Create(inv, $"{f.Bits} + 16/row") : f.NominalBitsPerWeight.ToString("0.###", inv),
                    f.QuantizesActivations ? string.Create(inv, $"int{f.ActivationBits}/g{QSLM.Format.Codecs.ActivationQuantization.GroupSize}") : "float");
            }
            Terminal.Write(table);
            return CommandRunner.Success;
        }, usesTorch: false));
        return command;
    }
}
