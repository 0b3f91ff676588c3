using QSLM.Protocol.Messages;

namespace QSLM.Agent.Sensors;

/// <summary>One sensor the agent found on its board: what hello announces, and how to read it now
/// (null when the source cannot be read at this moment; the reading is then left out, not zeroed).</summary>
internal sealed record OnboardSensor(SensorInfo Info, Func<double?> Read);
