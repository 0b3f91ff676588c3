using System.CommandLine;
using QSLM.Agent;
using QSLM.Agent.Commands;

var root = new RootCommand("qslm-agent: runs packed SpikeGPT models on a board (no TorchSharp) and reports what they did.")
{
    AgentOptions.Verbose,
    AgentOptions.Kernel,
    AgentOptions.Threads,
    InfoCommand.Create(),
    EvalCommand.Create(),
    RunCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
