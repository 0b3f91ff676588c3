using System.CommandLine;
using System.Globalization;
using QSLM.Boards.Inventory;
using QSLM.Cli.Rendering;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm boards list [FILE]</c>: each board's link, profile and address; never a key or secret.</summary>
internal static class BoardsListCommand
{
    public static Command Create()
    {
        var file = BoardsCommand.BenchArgument();
        var profiles = BoardsCommand.ProfilesOption();
        var command = new Command("list", "List the boards of a bench file: name, link, firmware profile, address, wired sensors.") { file, profiles };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var bench = BoardsCommand.Load(parse.GetValue(file)!, parse.GetValue(profiles)!);
            Terminal.WriteLine($"bench {bench.Name} ({bench.Path}): {bench.Boards.Count} boards");
            // Plain aligned columns, not a table: a listing is read by scripts and pasted into logs at any width.
            string[][] rows = [["board", "link", "profile", "address", "sensors"], .. bench.Boards.Select(b => new[] { b.Name, b.Link.ToString().ToLowerInvariant(), b.Profile ?? "-", Address(b), Sensors(b) })];
            var widths = Enumerable.Range(0, 5).Select(c => rows.Max(r => r[c].Length)).ToArray();
            foreach (var row in rows) Terminal.WriteLine(string.Join("  ", row.Select((cell, c) => c < 4 ? cell.PadRight(widths[c]) : cell)).TrimEnd());
            return CommandRunner.Success;
        }, usesTorch: false));
        return command;
    }

    /// <summary>Where the board is: host and port, device and baud, or this machine. The key file and
    /// pin are left out: a listing is pasted into issues and logs.</summary>
    public static string Address(BoardEntry board) => board.Link switch
    {
        BoardLink.Ssh => string.Create(CultureInfo.InvariantCulture, $"{board.Ssh!.User}@{board.Ssh.Host}:{board.Ssh.Port}"),
        BoardLink.Serial => string.Create(CultureInfo.InvariantCulture, $"{board.Serial!.Device} at {board.Serial.Baud} baud"),
        _ => board.Emulator is { } emulator ? $"this machine, under {emulator}" : "this machine",
    };

    private static string Sensors(BoardEntry board) =>
        board.Sensors.Count == 0 ? "-" : string.Join(", ", board.Sensors.Select(s => s.Kind + (s.Rail is { } rail ? " " + rail : "")));
}
