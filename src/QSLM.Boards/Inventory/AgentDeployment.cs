using QSLM.Boards.Transports.Local;
using QSLM.Boards.Transports.Ssh;

namespace QSLM.Boards.Inventory;

/// <summary>Which agent each kind of board gets.</summary>
/// <param name="Local">How to start the agent on this host, for local boards.</param>
/// <param name="LocalBoardsFolder">Where local boards keep their folders (one per board name).</param>
/// <param name="Bundle">The agent deployed to SSH boards.</param>
/// <param name="Arm64Executable">The self-contained linux-arm64 agent, for local boards with an emulator.</param>
public sealed record AgentDeployment(AgentLaunch Local, string LocalBoardsFolder, AgentBundle? Bundle = null, string? Arm64Executable = null);
