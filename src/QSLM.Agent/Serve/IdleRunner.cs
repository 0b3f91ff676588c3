using QSLM.Agent.Sampling;
using QSLM.Agent.Sensors;
using QSLM.Protocol;
using QSLM.Protocol.Messages;

namespace QSLM.Agent.Serve;

/// <summary>
/// Runs a <see cref="SampleIdle"/>: samples the sensors it names for its length while the agent does no work,
/// streams the samples as window <see cref="SensorSamples.IdleWindow"/>, then reports the window's bounds on the
/// agent's clock. The sensors are opened first, so one the board cannot open refuses the request by name.
/// </summary>
internal sealed class IdleRunner(OnboardSensors board, Func<Message, Task> send, CancellationToken hostGone)
{
    public async Task<IdleResult> RunAsync(SampleIdle request)
    {
        if (!(request.Seconds is > 0 and <= WorkloadRunner.MaxSeconds))
            throw new ProtocolException(ErrorCodes.BadRequest, FormattableString.Invariant($"an idle window lasts more than 0 and at most {WorkloadRunner.MaxSeconds} seconds"));
        using var sensors = WindowSensors.Open(board, request.Sensors);
        var start = AgentClock.Seconds;
        var sampling = WindowSampling.Start(SensorSamples.IdleWindow, sensors, board.Thermal(timed: false), send);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(request.Seconds), hostGone).ConfigureAwait(false);
        }
        catch
        {
            sampling.Abandon();
            throw;
        }
        var stop = AgentClock.Seconds;
        var thermal = await sampling.StopAsync(stop).ConfigureAwait(false);
        return new IdleResult(start, stop, thermal);
    }
}
