using System.CommandLine;
using QSLM.Boards.Inventory;
using QSLM.CommandLine;
using QSLM.Harness;
using QSLM.Harness.Boards;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm boards …</c>: the boards of a bench file (<c>hardware/*.yaml</c>), listed or checked.</summary>
internal static class BoardsCommand
{
    /// <summary>The default bench: this machine and the arm64 agent under qemu.</summary>
    public static string DefaultBench => Path.Combine(RepositoryPaths.Root, "hardware", "local.yaml");

    public static Command Create()
    {
        var command = new Command("boards", "The boards of a bench file (hardware/*.yaml): list them, or bring each up to agent ready and report it.");
        command.Subcommands.Add(BoardsListCommand.Create());
        command.Subcommands.Add(BoardsCheckCommand.Create());
        return command;
    }

    /// <summary>The bench file argument, defaulting to <c>hardware/local.yaml</c>.</summary>
    public static Argument<string> BenchArgument() => new Argument<string>("FILE") { Description = "Bench file (default: hardware/local.yaml).", DefaultValueFactory = _ => DefaultBench }.NotAFolder();

    /// <summary>The firmware-profiles folder option.</summary>
    public static Option<string> ProfilesOption() => new("--profiles") { Description = "Firmware profiles folder.", DefaultValueFactory = _ => BoardSessions.DefaultProfilesFolder };

    /// <summary>Loads a bench file, checking its boards' profiles against <paramref name="profiles"/>.</summary>
    public static Bench Load(string path, string profiles) =>
        File.Exists(path) ? BenchFile.Load(path, profiles) : throw new FileNotFoundException($"bench file {path} does not exist");
}
