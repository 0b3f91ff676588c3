using QSLM.Boards.Failures;
using QSLM.Errors;
using QSLM.Farm.Lava;

namespace QSLM.Harness.Farms;

/// <summary>
/// One share of a run's work (a qualification's models, a search tier's candidates) as LAVA jobs: run on its device,
/// and when LAVA ends the job for infrastructure and says another device may succeed (<see cref="JobOutcome.Retry"/>),
/// run again on the next healthy device that has not failed in this run, blaming no model. Qualify and the search's
/// board tier share this rule, so a farm's failure counts the same in both.
/// </summary>
public static class LavaShareRetry
{
    /// <summary>How a share ended: <see cref="Run"/> when a job finished it (completed, or ended by a model), else
    /// <see cref="Failure"/> (LAVA unreachable, or no device left to retry on), with <see cref="Why"/> in words, on
    /// <see cref="Device"/>, the device it last ran on.</summary>
    public sealed record Outcome(string Device, LavaJobRunner.Run? Run, InfrastructureFailureException? Failure, string? Why = null);

    /// <summary>Runs the share with <paramref name="runOn"/> on <paramref name="device"/>, then on the others of
    /// <paramref name="devices"/> (in order) while LAVA ends its jobs for infrastructure; <paramref name="failed"/>, shared
    /// by every share of the run, collects the devices whose job so ended. <paramref name="retrying"/> hears each move:
    /// the device, why, and the next device.</summary>
    public static async Task<Outcome> RunAsync(Func<string, Task<LavaJobRunner.Run>> runOn, string device, IReadOnlyList<string> devices, HashSet<string> failed,
        Action<string, string, string> retrying)
    {
        while (true)
        {
            LavaJobRunner.Run run;
            try
            {
                run = await runOn(device).ConfigureAwait(false);
            }
            catch (InfrastructureFailureException e)
            {
                // LAVA itself stopped answering, or the job ran past its time: no other device would do better.
                return new Outcome(device, null, e, "infrastructure failure: " + e.Message);
            }
            if (run.Outcome.Completed || run.Outcome.Class == FailureClass.Candidate) return new Outcome(device, run, null);
            string? next;
            lock (failed)
            {
                failed.Add(device);
                next = run.Outcome.Retry ? devices.FirstOrDefault(d => !failed.Contains(d)) : null;
            }
            var why = $"infrastructure failure: LAVA {run.Outcome.Describe()}";
            if (next is null)
            {
                var end = $"{why}; {(run.Outcome.Retry ? "no other healthy device is left" : "not retried (another device would fail the same way)")}";
                return new Outcome(device, null, new InfrastructureFailureException(end), end);
            }
            retrying(device, why, next);
            device = next;
        }
    }
}
