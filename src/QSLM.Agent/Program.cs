using System.CommandLine;
using QSLM.Agent;
using QSLM.Agent.Commands;
using QSLM.Agent.Serve;

var root = new RootCommand("qslm-agent: runs packed SpikeGPT models on a board (no TorchSharp) and reports what they did.")
{
    AgentOptions.Verbose,
    AgentOptions.Kernel,
    AgentOptions.Threads,
    InfoCommand.Create(),
    EvalCommand.Create(),
    RunCommand.Create(),
    ServeCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
