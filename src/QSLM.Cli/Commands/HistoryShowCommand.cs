using System.CommandLine;
using System.Globalization;
using QSLM.Cli.Rendering;
using QSLM.Cli.RunOptions;
using QSLM.Errors;
using QSLM.History.Records;
using QSLM.History.Store;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm history show RUN</c>: everything one run recorded.</summary>
internal static class HistoryShowCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("RUN") { Description = "The run's id, as qslm history lists it." };
        var json = HistoryCommand.JsonOption();
        var history = HistoryOptions.History();
        var command = new Command("show", "Print one run of the history: its provenance, boards with their identity, candidates, measurements and verdicts.") { id, json, history };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            using var runs = HistoryOptions.Open(parse.GetValue(history));
            var run = Load(runs, parse.GetValue(id)!);
            if (parse.GetValue(json)) Terminal.WriteLine(HistoryJson.Of(run));
            else foreach (var line in Lines(run)) Terminal.WriteLine(line);
            return CommandRunner.Success;
        }, usesTorch: false));
        return command;
    }

    /// <summary>Run <paramref name="id"/> of <paramref name="history"/>.</summary>
    /// <exception cref="InputException">No such run.</exception>
    public static RunRecord Load(IRunHistory history, string id) =>
        history.Load(id) ?? throw new InputException($"no run {id} in history {history.Location} (qslm history lists the runs)");

    /// <summary>The run in plain lines, numbers in the invariant culture.</summary>
    public static IEnumerable<string> Lines(RunRecord run)
    {
        var inv = CultureInfo.InvariantCulture;
        var s = run.Summary;
        yield return $"run {s.Id}: {SqliteRunHistory.KindText(s.Kind)}, {SqliteRunHistory.StatusText(s.Status)}{(s.Outcome is { } o ? " - " + o : "")}";
        yield return $"  {s.Label}";
        yield return string.Create(inv, $"  started {s.Started:yyyy-MM-dd HH:mm:ss}Z{(s.Ended is { } e ? string.Create(inv, $", ended {e:yyyy-MM-dd HH:mm:ss}Z") : "")} on {s.Host}{(s.Operator is { } op ? $" by {op}" : "")}");
        if (s.Folder is { } folder) yield return $"  folder {folder}";
        if (run.CommandLine is { } command) yield return $"  command {command}";
        yield return "provenance:";
        foreach (var (key, value) in run.Provenance) yield return $"  {key}: {value}";
        yield return string.Create(inv, $"boards ({run.Boards.Count}):");
        foreach (var b in run.Boards)
        {
            yield return $"  {b.Name}: profile {b.Profile ?? "-"}, host {b.HostName ?? "-"}, model {b.Model ?? "-"}, serial {b.Serial ?? "-"}, kernel {b.Kernel ?? "-"}, firmware {b.Firmware ?? "-"}";
            if (b.Settings is { } settings) yield return $"    settings {settings}";
        }
        yield return string.Create(inv, $"candidates ({run.Candidates.Count}):");
        foreach (var c in run.Candidates)
            yield return string.Create(inv, $"  {c.Model}: {c.Status}{(c.Precisions is { } p ? ", " + p : "")}{(c.HostValue is { } h ? $", host {h:G6}" : "")}{(c.Bytes is { } bytes ? $", {bytes} B" : "")}{(c.Objective is { } j ? $", J {j:G6}" : "")}{(c.Sha256 is { } sha ? ", sha256 " + sha : "")}");
        yield return string.Create(inv, $"measurements ({run.Measurements.Count}):");
        foreach (var m in run.Measurements)
            yield return string.Create(inv, $"  {m.Board} {m.Model} {m.Quantity}{(m.Window is { } w ? $" window {w}" : "")}: {m.Value:G6}{(m.Ci95 is { } ci ? $" ± {ci:G4}" : "")} {m.Unit}{(m.Source is { } src ? $" ({src})" : "")}");
        yield return string.Create(inv, $"verdicts ({run.Verdicts.Count}):");
        foreach (var v in run.Verdicts)
            yield return string.Create(inv, $"  {v.Board} {v.Model} {v.Check}: {v.Status}{(v.Measured is { } m ? $", measured {m:G6}" : "")}{(v.Threshold is { } t ? $", threshold {t:G6}" : "")}{(v.Unit is { } u ? " " + u : "")} - {v.Detail}");
    }
}
