using System.Globalization;
using QSLM.Errors;
using QSLM.Farm.Lava;
using QSLM.History.Records;
using QSLM.History.Store;
using QSLM.Harness.Qualification;

namespace QSLM.Harness.Farms;

/// <summary>
/// A LAVA device that keeps failing for infrastructure: how many qualify runs in a row on the same farm it failed in,
/// read from the run history (a run counts when it recorded an infrastructure incident of the device, or an error
/// check on it; a run that did not use the device neither counts nor breaks the streak), and, with the user's
/// permission, the device put into maintenance through LAVA's API so the farm stops scheduling jobs there until an
/// admin looks at it.
/// </summary>
public static class FailingDevices
{
    /// <summary>How many of the latest qualify runs on <paramref name="server"/>, the newest first and up to
    /// <paramref name="look"/> of them, <paramref name="device"/> failed in without a run between where it did not.</summary>
    public static int Streak(IRunHistory history, string server, string device, int look)
    {
        var streak = 0;
        foreach (var summary in history.List(new RunFilter(Kind: RunKind.Qualify, Last: look)))
        {
            if (history.Load(summary.Id) is not { } run || !run.Provenance.TryGetValue("lava", out var farm) || farm != server) continue;
            var failed = run.Provenance.Any(p => p.Key.StartsWith(HistoryQualifySink.IncidentKey, StringComparison.Ordinal) && p.Value.StartsWith($"board {device}: ", StringComparison.Ordinal))
                || run.Verdicts.Any(v => v.Board == device && v.Status == "error");
            var used = failed || run.Boards.Any(b => b.Name == device);
            if (!used) continue;
            if (!failed) break;
            streak++;
        }
        return streak;
    }

    /// <summary>
    /// Reports each of <paramref name="failed"/> with its streak, and puts into maintenance those whose streak reached
    /// <paramref name="maintenanceAfter"/> (null: never, the streak is only reported). A token not allowed to change
    /// devices is reported, not fatal: the run's results stand.
    /// </summary>
    /// <returns>The devices put into maintenance.</returns>
    public static async Task<IReadOnlyList<string>> ReviewAsync(LavaClient client, IRunHistory history, IReadOnlyList<string> failed, int? maintenanceAfter,
        Action<string> say, CancellationToken cancellationToken)
    {
        var server = client.Server.ToString();
        var maintained = new List<string>();
        foreach (var device in failed)
        {
            var streak = Streak(history, server, device, Math.Max(maintenanceAfter ?? 0, 10));
            var runs = streak == 1 ? "this run" : string.Create(CultureInfo.InvariantCulture, $"{streak} qualify runs in a row");
            if (maintenanceAfter is not { } after || streak < after)
            {
                say($"lava: device {device} failed for infrastructure in {runs}" + (maintenanceAfter is null ? "; --lava-maintenance-after N puts a device that fails N runs in a row into maintenance" : ""));
                continue;
            }
            var reason = $"QSLM: failed for infrastructure in {runs} (--lava-maintenance-after {after.ToString(CultureInfo.InvariantCulture)})";
            try
            {
                await client.SetHealthAsync(device, "MAINTENANCE", reason, cancellationToken).ConfigureAwait(false);
                maintained.Add(device);
                say($"lava: device {device} failed for infrastructure in {runs}: put into maintenance (LAVA schedules nothing there until an admin sets it back)");
            }
            catch (Exception e) when (e is InputException or InfrastructureFailureException)
            {
                say($"lava: warning: device {device} failed for infrastructure in {runs}, but could not be put into maintenance: {e.Message}");
            }
        }
        return maintained;
    }
}
