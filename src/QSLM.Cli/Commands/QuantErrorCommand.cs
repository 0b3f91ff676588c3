using System.CommandLine;
using System.Globalization;
using QSLM.Cli.Rendering;
using QSLM.Format.Codecs;
using QSLM.Format.Formats;
using QSLM.Harness;
using QSLM.Model.Checkpoints;
using QSLM.Model.Quantization;
using Spectre.Console;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm quant-error</c>: each format's relative RMS error on a checkpoint's weights.</summary>
internal static class QuantErrorCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "Checkpoint whose weights are measured.", DefaultValueFactory = _ => RepositoryPaths.ReferenceLm };
        var formats = new Option<string?>("--formats") { Description = "Comma-separated formats (default: all)." };
        var clip = new Option<bool>("--clip-search") { Description = "Use the per-group clipping search." };
        var command = new Command("quant-error", "Relative RMS error sqrt(sum (w-q(w))^2 / sum w^2) of each format on a checkpoint's matrices (blocks, head) and on its embedding.")
        {
            checkpoint, formats, clip,
        };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            using var model = SpikeGptCheckpoint.Load(parse.GetValue(checkpoint)!);
            var selected = parse.GetValue(formats) is { } list
                ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(QuantFormats.Get).ToList()
                : QuantFormats.All.ToList();
            var options = new QuantizeOptions(parse.GetValue(clip));
            var inv = CultureInfo.InvariantCulture;
            var table = new Table().AddColumns("format", "bits/weight", "rel. RMS error, matrices", "rel. RMS error, emb.weight");
            foreach (var f in selected)
            {
                var matrices = QuantizationError.RelativeRms(model, f, (n, s) => s.Length == 2 && n != "emb.weight", options);
                var emb = QuantizationError.RelativeRms(model, f, (n, _) => n == "emb.weight", options);
                table.AddRow(f.Name, f.EffectiveBitsPerWeight(model.Config.Width).ToString("F3", inv), matrices.ToString("F5", inv),
                    emb.ToString("F5", inv) + (f.Scheme == QuantScheme.Sign ? " (spikes exact)" : ""));
            }
            Terminal.WriteAnsiLine($"{parse.GetValue(checkpoint)}: {model.Config}; bits/weight at rows of {model.Config.Width}");
            Terminal.Write(table);
            return CommandRunner.Success;
        }));
        return command;
    }
}
