using System.Text.Json;
using System.Text.Json.Serialization;

namespace QSLM.Agent.Simulation;

/// <summary>The source-generated reader of <see cref="SimulatedBoardFile"/> (the agent is trimmed: no reflection).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(SimulatedBoardFile))]
internal sealed partial class SimulatedBoardJson : JsonSerializerContext;
