using QSLM.Boards.Transports;
using QSLM.Boards.Transports.Local;
using QSLM.Boards.Transports.Serial;
using QSLM.Boards.Transports.Ssh;

namespace QSLM.Boards.Inventory;

/// <summary>Turns a bench file's board into the transport that drives it.</summary>
public static class BoardTransports
{
    /// <summary>The transport for <paramref name="board"/>, deploying <paramref name="agent"/>.</summary>
    public static IBoardTransport Create(BoardEntry board, AgentDeployment agent)
    {
        switch (board.Link)
        {
            case BoardLink.Local:
                var folder = Path.Combine(agent.LocalBoardsFolder, board.Name);
                // A simulated board's fake sysfs tree lives in a folder of its own beside the agent's.
                IReadOnlyList<string>? options = board.SimulatedBoard is { } simulated
                    ? ["--sensors-root", Path.Combine(agent.LocalBoardsFolder, board.Name + ".sensors"), "--simulate-board", simulated]
                    : null;
                if (board.Emulator is null) return new LocalProcessTransport(agent.Local, folder, options);
                var arm64 = agent.Arm64Executable ?? throw new ArgumentException($"board '{board.Name}' runs under {board.Emulator}, but no linux-arm64 agent was given");
                return new LocalProcessTransport(AgentLaunch.Emulated(board.Emulator, arm64), folder, options);
            case BoardLink.Ssh:
                var ssh = board.Ssh!;
                var bundle = agent.Bundle ?? throw new ArgumentException($"board '{board.Name}' is reached over SSH, but no agent bundle was given to deploy");
                return new SshTransport(new SshBoardAddress(ssh.Host, ssh.Port, ssh.User, ssh.KeyPath, ssh.HostKey, ssh.Folder), bundle);
            case BoardLink.Serial:
                return new SerialTransport(board.Serial!.Device, board.Serial.Baud);
            default:
                throw new ArgumentOutOfRangeException(nameof(board), board.Link, "unknown link");
        }
    }
}
