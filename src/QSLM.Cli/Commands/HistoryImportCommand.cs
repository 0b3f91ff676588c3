using System.CommandLine;
using System.Globalization;
using QSLM.Cli.Rendering;
using QSLM.Cli.RunOptions;
using QSLM.Errors;
using QSLM.Harness.History;
using QSLM.Harness.Search;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm history import FOLDER...</c>: fills the history from search folders written before it existed.</summary>
internal static class HistoryImportCommand
{
    public static Command Create()
    {
        var folders = new Argument<string[]>("FOLDER") { Description = "Search run folders (manifest.json and search.csv; windows.csv where present).", Arity = ArgumentArity.OneOrMore };
        var history = HistoryOptions.History();
        var @operator = HistoryOptions.Operator();
        var command = new Command("import", "Record existing search run folders in the history, every candidate and measured figure with it, so nothing measured before is lost. "
            + "A folder already imported with the same content is not recorded twice.") { folders, history, @operator };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var given = parse.GetValue(folders)!;
            // Every folder is checked before any is recorded: a wrong one among them writes nothing.
            foreach (var folder in given)
            {
                if (!File.Exists(Path.Combine(folder, SearchFolder.ManifestFile)) || !File.Exists(Path.Combine(folder, SearchFolder.LogFile)))
                    throw new InputException($"{folder} is not a search run folder: it needs {SearchFolder.ManifestFile} and {SearchFolder.LogFile}; nothing was imported");
                SearchLogRows.Read(Path.Combine(folder, SearchFolder.LogFile));
                _ = SearchManifest.TryRead(Path.Combine(folder, SearchFolder.ManifestFile));
            }
            using var runs = HistoryOptions.Open(parse.GetValue(history));
            foreach (var folder in given)
            {
                var result = SearchImport.Import(runs, folder, CommandText.Of(parse), parse.GetValue(@operator));
                Terminal.WriteLine(result.AlreadyImported
                    ? $"{result.Folder}: already in the history as run {result.RunId}; nothing written"
                    : string.Create(CultureInfo.InvariantCulture, $"{result.Folder}: recorded as run {result.RunId} ({result.Candidates} candidate rows, {result.Measurements} measurements)"));
            }
            return CommandRunner.Success;
        }, usesTorch: false));
        return command;
    }
}
