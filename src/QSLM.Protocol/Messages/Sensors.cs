using QSLM.Sensors.Board;

namespace QSLM.Protocol.Messages;

/// <summary>A sensor the agent can read.</summary>
/// <param name="Name">Stable name on this board (for example <c>ina219-0x40</c>, <c>VDD_IN</c>).</param>
/// <param name="Quantity">power, energy (a cumulative counter such as RAPL's), current, voltage, temperature or memory.</param>
/// <param name="Unit">SI unit of its readings (W, J, A, V, °C; B for memory).</param>
/// <param name="Source">Where its figures come from; on the wire the tag's text (<c>measured:&lt;sensor&gt;</c>,
/// <c>simulated:&lt;model&gt;</c> or <c>estimated:&lt;model&gt;</c>), anything else refused when read.</param>
public sealed record SensorInfo(string Name, string Quantity, string Unit, SourceTag Source);

/// <summary>One reading of one sensor.</summary>
/// <param name="Name">The sensor's <see cref="SensorInfo.Name"/>.</param>
/// <param name="Value">The value in <paramref name="Unit"/>.</param>
/// <param name="Unit">SI unit.</param>
/// <param name="Source">As <see cref="SensorInfo.Source"/>.</param>
/// <param name="At">Agent clock when read (UTC).</param>
public sealed record SensorReading(string Name, double Value, string Unit, SourceTag Source, DateTimeOffset At);

/// <summary>Host → agent: read every sensor once.</summary>
public sealed record ReadSensors : Message;

/// <summary>Agent → host: one reading per sensor announced in hello that could be read now (<c>MemAvailable</c> among them).</summary>
/// <param name="Readings">The readings.</param>
public sealed record SensorReadings(IReadOnlyList<SensorReading> Readings) : Message;
