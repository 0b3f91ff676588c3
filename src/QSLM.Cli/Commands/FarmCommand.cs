using System.CommandLine;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm farm …</c>: what a board farm (LAVA) needs from QSLM besides the runs themselves.</summary>
internal static class FarmCommand
{
    public static Command Create()
    {
        var command = new Command("farm", "What a LAVA board farm needs from QSLM besides runs: the health check LAVA runs on its devices (docs/farm.md).");
        command.Subcommands.Add(FarmHealthCheckCommand.Create());
        return command;
    }
}
