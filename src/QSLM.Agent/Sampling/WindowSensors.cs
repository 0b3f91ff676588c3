using QSLM.Agent.Sensors;
using QSLM.Errors;
using QSLM.Protocol;
using QSLM.Sensors.Board;

namespace QSLM.Agent.Sampling;

/// <summary>
/// The sensors a request names, all opened before any work starts, so a spec the board cannot open refuses the
/// request by name instead of failing it halfway. Each is read once when opened: that checks it answers, and its code
/// runs (and, under an emulator, compiles) before the first window, so the first window's rate is the sensor's.
/// Closed with the request.
/// </summary>
internal sealed class WindowSensors : IDisposable
{
    private readonly List<(string Spec, IPowerSensor Sensor)> _sensors;

    private WindowSensors(List<(string Spec, IPowerSensor Sensor)> sensors) => _sensors = sensors;

    /// <summary>The opened sensors with the specs that named them.</summary>
    public IReadOnlyList<(string Spec, IPowerSensor Sensor)> Sensors => _sensors;

    /// <summary>Opens every spec of <paramref name="specs"/> (none when null).</summary>
    /// <exception cref="ProtocolException">A bad request naming the first spec that could not be opened.</exception>
    public static WindowSensors Open(OnboardSensors board, IReadOnlyList<string>? specs)
    {
        var opened = new List<(string, IPowerSensor)>();
        try
        {
            foreach (var spec in specs ?? [])
            {
                try
                {
                    var sensor = board.Open(spec);
                    opened.Add((spec, sensor));
                    var first = sensor.ReadAsync();
                    _ = first.IsCompletedSuccessfully ? first.Result : first.AsTask().GetAwaiter().GetResult();
                }
                catch (Exception e) when (e is InputException or IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
                {
                    throw new ProtocolException(ErrorCodes.BadRequest, $"sensor '{spec}' cannot be sampled on this board: {e.Message}");
                }
            }
            return new WindowSensors(opened);
        }
        catch
        {
            foreach (var (_, sensor) in opened) sensor.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var (_, sensor) in _sensors) sensor.Dispose();
    }
}
