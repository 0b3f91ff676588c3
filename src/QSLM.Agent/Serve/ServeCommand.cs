using System.CommandLine;
using System.IO.Ports;
using QSLM.Agent.Identity;
using QSLM.Agent.Sampling;
using QSLM.Agent.Sensors;
using QSLM.Agent.Settings;
using QSLM.Agent.Simulation;
using QSLM.Protocol;
using QSLM.Protocol.Messages;
using QSLM.Protocol.Serial;

namespace QSLM.Agent.Serve;

/// <summary><c>qslm-agent serve</c>: speaks the agent protocol inside one working folder, on
/// stdin/stdout (one JSON object per line; an SSH exec channel or a child process) or, with
/// <c>--serial</c>, on the board's serial line (framed, acknowledged, one host session after another).
/// Diagnostics go to stderr so they never corrupt the protocol stream.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var root = new Option<string>("--root") { Description = "The only folder the agent reads or writes (models go to ROOT/models).", DefaultValueFactory = _ => Environment.CurrentDirectory };
        var maxMessage = new Option<int>("--max-message-bytes") { Description = "Largest protocol message accepted.", DefaultValueFactory = _ => ProtocolLimits.DefaultMaxMessageBytes };
        var maxModel = new Option<long>("--max-model-bytes") { Description = "Largest model accepted.", DefaultValueFactory = _ => ProtocolLimits.DefaultMaxModelBytes };
        var maxPartial = new Option<long?>("--max-partial-bytes") { Description = "Most bytes all partial uploads may hold together; the oldest are evicted to make room. At least --max-model-bytes, which is the default." };
        var serial = new Option<string?>("--serial") { Description = "Serve on this serial device (a tty) instead of stdin/stdout." };
        var baud = new Option<int>("--baud") { Description = "Baud rate of --serial.", DefaultValueFactory = _ => 115_200 };
        var sensorsRoot = new Option<string>("--sensors-root") { Description = "Where to look for sysfs and /proc sensor files (a fake tree in tests).", DefaultValueFactory = _ => "/" };
        var programsPath = new Option<string?>("--programs-path") { Description = "Where to look for the board's own programs (vcgencmd, nvidia-smi, nvpmodel, jetson_clocks), colon-separated; default: $PATH." };
        var simulateBoard = new Option<string?>("--simulate-board")
        {
            Description = "Simulate a board's sensors from this JSON file (kind jetson-ina3221, pi5-pmic or ina219; power from the work the agent measures of itself); every reading is tagged simulated:<model>. A Jetson's fake sysfs tree is written under --sensors-root, which must then be a folder of its own.",
        };
        var command = new Command("serve", "Serve the host's protocol: store models by SHA-256 (resumable, verified before use), pin the board's settings, run workloads with acknowledged start/stop marks, sample the board's sensors between them, report results.")
        {
            root, maxMessage, maxModel, maxPartial, serial, baud, sensorsRoot, programsPath, simulateBoard,
        };
        command.SetAction(parse => AgentCommandRunner.Run(parse.GetValue(AgentOptions.Verbose), () =>
        {
            var messageCap = parse.GetValue(maxMessage);
            var modelCap = parse.GetValue(maxModel);
            if (messageCap < 1024) throw new QSLM.Errors.InputException("--max-message-bytes must be at least 1024");
            if (modelCap < 1) throw new QSLM.Errors.InputException("--max-model-bytes must be at least 1");
            var partialCap = parse.GetValue(maxPartial) ?? modelCap;
            if (partialCap < modelCap) throw new QSLM.Errors.InputException(FormattableString.Invariant($"--max-partial-bytes ({partialCap}) must be at least --max-model-bytes ({modelCap}): a model arrives as one partial copy"));
            var folder = new ConfinedFolder(parse.GetValue(root)!);
            AgentClock.Start();
            var work = new WorkMeter();
            var sensorRoot = parse.GetValue(sensorsRoot)!;
            using var simulation = parse.GetValue(simulateBoard) is { } file ? Simulate(file, sensorRoot, work) : null;
            // Found once: sensors do not come and go while a board runs.
            var programs = parse.GetValue(programsPath);
            var sensors = simulation is null ? OnboardSensors.Discover(sensorRoot, programs) : SimulatedBoardSensors.Create(simulation, sensorRoot);
            var settings = new BoardSettingsApplier(sensorRoot, ProgramPath.Directories(programs));
            // A simulated board has none of the real machine's programs: its firmware is what its tree states.
            var identity = BoardIdentityReader.Read(sensorRoot, simulation is null ? ProgramPath.Directories(programs) : []);
            simulation?.Start();
            if (parse.GetValue(serial) is { } device) return ServeSerialAsync(device, parse.GetValue(baud), folder, messageCap, modelCap, partialCap, sensors, settings, work, identity).GetAwaiter().GetResult();
            using var input = Console.OpenStandardInput();
            using var output = Console.OpenStandardOutput();
            return new AgentServer(new JsonLinesPort(input, output, messageCap), folder, messageCap, modelCap, partialCap, Console.Error, sensors, settings, work, identity,
                simulation is null ? null : () => simulation.Board.IsHung).ServeAsync().GetAwaiter().GetResult();
        }));
        return command;
    }

    private static BoardSimulation Simulate(string file, string sensorRoot, WorkMeter work)
    {
        var board = SimulatedBoardFile.Load(file);
        if (board.Kind == SimulatedBoardKinds.JetsonIna3221 && Path.GetFullPath(sensorRoot) == Path.GetFullPath("/"))
            throw new QSLM.Errors.InputException("--simulate-board writes a fake sysfs tree for a Jetson: give --sensors-root a folder of its own, not /");
        if (board.Identity is { } identity)
        {
            if (Path.GetFullPath(sensorRoot) == Path.GetFullPath("/"))
                throw new QSLM.Errors.InputException("--simulate-board states an identity, written as a fake tree: give --sensors-root a folder of its own, not /");
            identity.WriteTree(sensorRoot);
        }
        Console.Error.WriteLine($"qslm-agent: simulating board {board.Model} ({board.Kind}); every reading is tagged simulated:{board.Model}");
        return new BoardSimulation(board, work);
    }

    private static async Task<int> ServeSerialAsync(string device, int baud, ConfinedFolder folder, int messageCap, long modelCap, long partialCap, OnboardSensors sensors, BoardSettingsApplier settings, WorkMeter work, BoardIdentity identity)
    {
        using var port = new SerialPort(device, baud) { ReadTimeout = SerialPort.InfiniteTimeout, WriteTimeout = SerialPort.InfiniteTimeout };
        port.Open();
        await using var link = new SerialLink(port.BaseStream, new SerialLinkOptions { MaxPayloadBytes = messageCap, BytesPerSecond = Math.Max(baud / 10, 1) });
        // A board's serial agent outlives host sessions: after a bye it waits for the next hello.
        while (true)
        {
            var server = new AgentServer(new SerialLinkPort(link), folder, messageCap, modelCap, partialCap, Console.Error, sensors, settings, work, identity);
            try
            {
                var code = await server.ServeAsync().ConfigureAwait(false);
                if (!server.SawBye) return code;
            }
            catch (IOException e) when (port.IsOpen)
            {
                // The host went away unacknowledged (a reset, a pulled cable); wait for the next one.
                await Console.Error.WriteLineAsync("qslm-agent: serial session lost: " + e.Message).ConfigureAwait(false);
            }
        }
    }
}
