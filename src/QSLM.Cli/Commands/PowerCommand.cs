using System.CommandLine;
using QSLM.Errors;
using QSLM.Sensors.Calibration;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm power …</c>: sample a sensor, measure a command, import a log, compare two candidates, estimate without a sensor.</summary>
internal static class PowerCommand
{
    public static Command Create()
    {
        var command = new Command("power", "Power sensing: sample a sensor, measure a command in windows, import an existing log as sample CSV, compare two candidates, estimate energy without a sensor.");
        command.Subcommands.Add(PowerSampleCommand.Create());
        command.Subcommands.Add(PowerImportCommand.Create());
        command.Subcommands.Add(PowerCompareCommand.Create());
        command.Subcommands.Add(PowerEstimateCommand.Create());
        command.Subcommands.Add(PowerMeasureCommand.Create());
        return command;
    }

    internal static CalibrationStore LoadCalibration(string folder)
    {
        try
        {
            return CalibrationStore.Load(folder);
        }
        catch (FormatException e)
        {
            throw new InputException(e.Message, e);
        }
    }
}
