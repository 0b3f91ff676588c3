using System.CommandLine;
using System.Globalization;
using QSLM.Cli.Rendering;
using QSLM.CommandLine;
using QSLM.Harness;
using QSLM.Model.Export;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm data export</c>: the corpora as QSLM's trainers tokenize them, for training elsewhere.</summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var command = new Command("data", "Work with the bundled corpora (WikiText-2, SST-2).");
        command.Subcommands.Add(CreateExport());
        return command;
    }

    private static Command CreateExport()
    {
        var output = new Option<string>("--out") { Description = "Folder to write into (created if missing).", Required = true }.WritableFolder();
        var holdout = new Option<int>("--holdout") { Description = "SST-2 training sentences held out, as `qslm train sst2 --holdout` draws them.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the hold-out draw, as `qslm train sst2 --seed`.", DefaultValueFactory = _ => 1 };
        var wikiText = new Option<string>("--wikitext") { Description = "WikiText-2 folder.", DefaultValueFactory = _ => RepositoryPaths.WikiText };
        var sst2 = new Option<string>("--sst2") { Description = "SST-2 folder (train.tsv, dev.tsv).", DefaultValueFactory = _ => RepositoryPaths.Sst2 };
        var command = new Command("export",
            "Write WikiText-2 and SST-2 as the vocabulary ids QSLM's trainers use (vocabulary.txt, wikitext-2.SPLIT.i32 little-endian int32, " +
            "sst2.{train,holdout,dev}.tsv as 'label<TAB>ids', manifest.json), so that a SpikeGPT trained elsewhere loads here unchanged.")
        {
            output, holdout, seed, wikiText, sst2,
        };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var directory = parse.GetValue(output)!;
            var summary = TokenizedCorpusExport.Write(parse.GetValue(wikiText)!, parse.GetValue(sst2)!, directory, parse.GetValue(holdout), parse.GetValue(seed));
            foreach (var (name, count) in summary.Counts)
                Terminal.WriteAnsiLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {count:N0} {(name.StartsWith("sst2", StringComparison.Ordinal) ? "sentences" : "tokens")}"));
            Terminal.WriteAnsiLine(string.Create(CultureInfo.InvariantCulture, $"wrote {directory} (vocabulary {summary.VocabularySize:N0} words, sha256 {summary.VocabularyHash[..12]})"));
            return CommandRunner.Success;
        }));
        return command;
    }
}
