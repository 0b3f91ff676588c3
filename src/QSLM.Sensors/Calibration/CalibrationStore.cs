using QSLM.Sensors.Board;
namespace QSLM.Sensors.Calibration;

/// <summary>
/// The calibration folder: <c>sensors/*.json</c> (one <see cref="CalibrationRecord"/> each) and
/// <c>baselines/*.json</c> (one <see cref="IdleBaselineRecord"/> each). A sensor with a record gets it
/// applied by <see cref="Apply"/>; two records for one sensor id or one board are an error, so which
/// record applied is never ambiguous.
/// </summary>
public sealed class CalibrationStore
{
    private readonly Dictionary<string, CalibrationRecord> _sensors;
    private readonly Dictionary<string, IdleBaselineRecord> _baselines;

    private CalibrationStore(Dictionary<string, CalibrationRecord> sensors, Dictionary<string, IdleBaselineRecord> baselines)
    {
        _sensors = sensors;
        _baselines = baselines;
    }

    /// <summary>An empty store.</summary>
    public static CalibrationStore Empty { get; } = new([], []);

    /// <summary>Sensor records by id.</summary>
    public IReadOnlyDictionary<string, CalibrationRecord> Sensors => _sensors;

    /// <summary>Idle baselines by board.</summary>
    public IReadOnlyDictionary<string, IdleBaselineRecord> Baselines => _baselines;

    /// <summary>Loads <paramref name="folder"/> (the repository's <c>calibration/</c>); a missing folder is an empty store.</summary>
    public static CalibrationStore Load(string folder)
    {
        var sensors = new Dictionary<string, CalibrationRecord>(StringComparer.Ordinal);
        foreach (var path in Files(Path.Combine(folder, "sensors")))
        {
            var record = CalibrationJson.Read(path, CalibrationJson.Default.CalibrationRecord);
            record.Validate(path);
            if (!sensors.TryAdd(record.SensorId, record)) throw new FormatException($"{path}: a second calibration record for sensor {record.SensorId}");
        }
        var baselines = new Dictionary<string, IdleBaselineRecord>(StringComparer.Ordinal);
        foreach (var path in Files(Path.Combine(folder, "baselines")))
        {
            var record = CalibrationJson.Read(path, CalibrationJson.Default.IdleBaselineRecord);
            record.Validate(path);
            if (!baselines.TryAdd(record.Board, record)) throw new FormatException($"{path}: a second idle baseline for board {record.Board}");
        }
        return new CalibrationStore(sensors, baselines);
    }

    /// <summary>The record for <paramref name="sensorId"/>, or null.</summary>
    public CalibrationRecord? Find(string sensorId) => _sensors.GetValueOrDefault(sensorId);

    /// <summary>The idle baseline of <paramref name="board"/>, or null.</summary>
    public IdleBaselineRecord? Baseline(string board) => _baselines.GetValueOrDefault(board);

    /// <summary>The sensor with its record applied, or the sensor itself where it has none.</summary>
    public IPowerSensor Apply(IPowerSensor sensor) => Find(sensor.Id) is { } record ? new CalibratedSensor(sensor, record) : sensor;

    /// <summary>Writes <paramref name="record"/> to <c>sensors/&lt;id&gt;.json</c> under <paramref name="folder"/>; returns the path.</summary>
    public static string Save(string folder, CalibrationRecord record)
    {
        record.Validate(record.SensorId);
        var directory = Path.Combine(folder, "sensors");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, record.SensorId + ".json");
        File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(record, CalibrationJson.Default.CalibrationRecord) + "\n");
        return path;
    }

    /// <summary>Writes <paramref name="record"/> to <c>baselines/&lt;board&gt;.json</c> under <paramref name="folder"/>; only a measured figure is kept as a baseline.</summary>
    public static string SaveBaseline(string folder, IdleBaselineRecord record)
    {
        record.Validate(record.Board);
        if (SourceTag.Parse(record.Source).Kind != SourceKind.Measured)
            throw new ArgumentException($"an idle baseline is kept only from a real sensor; {record.Source} is not measured");
        var directory = Path.Combine(folder, "baselines");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, record.Board + ".json");
        File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(record, CalibrationJson.Default.IdleBaselineRecord) + "\n");
        return path;
    }

    private static IEnumerable<string> Files(string directory) =>
        Directory.Exists(directory) ? Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal) : [];
}
