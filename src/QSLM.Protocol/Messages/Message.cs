using System.Text.Json.Serialization;

namespace QSLM.Protocol.Messages;

/// <summary>
/// One protocol message. On the wire each is a JSON object whose <c>type</c> member names the kind
/// (labgrid's agent style: one JSON object per line over the board's stdio). Requests go host → agent,
/// replies and marks agent → host; <see cref="MarkAck"/> goes host → agent.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(Hello), "hello")]
[JsonDerivedType(typeof(HelloReply), "hello-reply")]
[JsonDerivedType(typeof(PutModel), "put-model")]
[JsonDerivedType(typeof(QueryModel), "query-model")]
[JsonDerivedType(typeof(ExpectModel), "expect-model")]
[JsonDerivedType(typeof(ModelStatus), "model-status")]
[JsonDerivedType(typeof(RunWorkload), "run")]
[JsonDerivedType(typeof(Mark), "mark")]
[JsonDerivedType(typeof(MarkAck), "mark-ack")]
[JsonDerivedType(typeof(RunResult), "run-result")]
[JsonDerivedType(typeof(RunEvaluation), "evaluate")]
[JsonDerivedType(typeof(EvaluationResult), "evaluation-result")]
[JsonDerivedType(typeof(ReadSensors), "read-sensors")]
[JsonDerivedType(typeof(SensorReadings), "sensors")]
[JsonDerivedType(typeof(TimeSync), "time-sync")]
[JsonDerivedType(typeof(TimeSyncReply), "time-sync-reply")]
[JsonDerivedType(typeof(SampleIdle), "sample-idle")]
[JsonDerivedType(typeof(IdleResult), "idle-result")]
[JsonDerivedType(typeof(SensorSamples), "sensor-samples")]
[JsonDerivedType(typeof(ApplySettings), "apply-settings")]
[JsonDerivedType(typeof(SettingsReport), "settings-report")]
[JsonDerivedType(typeof(Bye), "bye")]
[JsonDerivedType(typeof(ErrorReply), "error")]
public abstract record Message;
