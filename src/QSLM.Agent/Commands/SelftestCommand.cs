using System.CommandLine;
using System.Globalization;
using QSLM.Runtime.Kernels;

namespace QSLM.Agent.Commands;

/// <summary><c>qslm-agent selftest kernels</c>: every vector path of the bit-exact kernels against their scalar
/// references on this processor (<see cref="KernelSelfCheck"/>), with the instructions it took.</summary>
internal static class SelftestCommand
{
    public static Command Create()
    {
        var kernels = new Command("kernels", "Check that every vector path of the integer kernels gives the scalar reference's bits on this processor, and print which dot-product instructions it used; exit 1 if any differs.");
        kernels.SetAction(parse => AgentCommandRunner.Run(parse.GetValue(AgentOptions.Verbose), () =>
        {
            Console.WriteLine($"processor: {KernelPaths.Describe()}");
            foreach (var path in KernelPaths.Supported.Where(p => p != KernelPath.Scalar))
                Console.WriteLine($"A8 dot product on {path}: {IntegerActivationKernel.DotInstruction(path)}");
            var checks = KernelSelfCheck.Run();
            foreach (var check in checks)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{check.Path} {check.Format} ({check.Kernel}): {check.Problems - check.Mismatches}/{check.Problems} bit-exact"));
            }
            var failed = checks.Count(c => c.Mismatches > 0);
            var problems = checks.Sum(c => c.Problems);
            Console.WriteLine(failed == 0
                ? string.Create(CultureInfo.InvariantCulture, $"kernels: {checks.Count} checks, {problems} products, all bit-exact with the scalar reference")
                : string.Create(CultureInfo.InvariantCulture, $"kernels: {failed} of {checks.Count} checks differ from the scalar reference"));
            return failed == 0 ? AgentCommandRunner.Success : AgentCommandRunner.Failure;
        }));
        return new Command("selftest", "Self-checks of this board's runtime.") { kernels };
    }
}
