using System.CommandLine;
using QSLM.CommandLine;
using QSLM.Errors;
using QSLM.Runtime.Inference;
using QSLM.Runtime.Kernels;

namespace QSLM.Agent;

/// <summary>Options every agent command shares.</summary>
internal static class AgentOptions
{
    public static readonly Option<bool> Verbose = new("--verbose", "-v") { Description = "Print the stack trace when a command fails.", Recursive = true };

    public static readonly Option<KernelPath?> Kernel = new("--kernel")
    {
        Description = "Kernel instruction set: Scalar, Vector128 (NEON on arm64) or Vector256 (AVX2); default: the widest available.",
        Recursive = true,
    };

    public static readonly Option<int> Threads = new Option<int>("--threads")
    {
        Description = "Threads that share the rows of the LM head.",
        DefaultValueFactory = _ => Environment.ProcessorCount,
        Recursive = true,
    }.InRange(1, 4096);

    public static RuntimeOptions Runtime(ParseResult parse)
    {
        var path = parse.GetValue(Kernel) ?? KernelPaths.Best;
        if (!KernelPaths.IsSupported(path)) throw new InputException($"kernel path {path} is not accelerated on this processor ({KernelPaths.Describe()})");
        var threads = parse.GetValue(Threads);
        if (threads < 1) throw new InputException("--threads must be at least 1");
        return new RuntimeOptions(path, threads);
    }
}
