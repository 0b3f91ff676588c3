using System.CommandLine;
using QSLM.CommandLine;
using QSLM.Data;
using QSLM.Format.Codecs;
using QSLM.Format.Formats;
using QSLM.Format.Packed;
using QSLM.Harness;
using QSLM.Model.Checkpoints;
using QSLM.Model.Quantization;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm pack</c>: a checkpoint plus a precision assignment → a packed model file.</summary>
internal static class PackCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "Checkpoint to pack.", DefaultValueFactory = _ => RepositoryPaths.ReferenceLm };
        var embedding = new Option<string?>("--embedding-from") { Description = "Checkpoint that supplies emb.weight when --checkpoint shares it (the SST-2 classifier shares the LM's)." };
        var assign = new Option<string>("--assign")
        {
            Description = "Precision rules, first match wins, '*' matches anything; unmatched tensors stay fp32. " +
                "Example: \"emb.weight=sign1,blocks.*.weight=int4_g32,head.weight=int8,*=fp16\". Formats: qslm formats.",
            Required = true,
        };
        var output = new Option<string>("--output", "-o") { Description = "Packed file to write.", Required = true }.WritableFile();
        var clip = new Option<bool>("--clip-search") { Description = "Search each group's clipping ratio to minimise squared error." };
        var wikitext = new Option<string>("--wikitext") { Description = "WikiText-2 folder (the vocabulary's hash goes into the manifest).", DefaultValueFactory = _ => RepositoryPaths.WikiText };
        var command = new Command("pack", "Pack a checkpoint into a low-bit model file under a precision assignment; prints what it wrote.")
        {
            checkpoint, embedding, assign, output, clip, wikitext,
        };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var assignment = PrecisionAssignment.Parse(parse.GetValue(assign)!);
            using var model = SpikeGptCheckpoint.Load(parse.GetValue(checkpoint)!, parse.GetValue(embedding));
            var vocabulary = Vocabulary.FromWikiText(parse.GetValue(wikitext)!);
            var hash = vocabulary.Count == model.Config.VocabSize ? vocabulary.Hash() : "unknown";
            var path = parse.GetValue(output)!;
            var predicted = ModelPacker.Footprint(model, assignment, hash);
            var manifest = ModelPacker.Pack(model, assignment, hash, path, new QuantizeOptions(parse.GetValue(clip)));
            var actual = new FileInfo(path).Length;
            if (actual != predicted) throw new InvalidOperationException($"packed {actual} bytes but the footprint model predicted {predicted}");
            InspectCommand.Print(PackedModelSummary.Of(manifest, actual), path, perTensor: false);
            return CommandRunner.Success;
        }));
        return command;
    }
}
