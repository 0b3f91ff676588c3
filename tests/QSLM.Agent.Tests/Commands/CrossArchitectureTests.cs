using System.Globalization;

namespace QSLM.Agent.Tests.Commands;

/// <summary>The self-contained, trimmed linux-arm64 publish run under qemu-aarch64 (user-mode
/// emulation; the arm64 libraries come from Debian's multiarch packages that <c>./run-tests</c>
/// installs) against the linux-x64 publish on the same slices. Both use the 128-bit kernels
/// (NEON on arm64, SSE on x64) and one thread, so they sum in the same order.</summary>
public sealed class CrossArchitectureTests(PackedReferenceModels models, CrossArchitectureTests.Publishes publishes)
    : IClassFixture<PackedReferenceModels>, IClassFixture<CrossArchitectureTests.Publishes>
{
    [Fact]
    public void The_arm64_agent_classifies_as_the_x64_agent_does()
    {
        string[] args = ["eval", models.Sst2, "--data", PackedReferenceModels.Data, "--sst2-sentences", "8", "--predictions", "--kernel", "Vector128", "--threads", "1"];
        var x64 = publishes.RunX64(args);
        var arm64 = publishes.RunArm64(args);
        Assert.Equal(AgentProcess.Line(x64.StdOut, "SST-2 predictions:"), AgentProcess.Line(arm64.StdOut, "SST-2 predictions:"));
        Assert.Equal(AgentProcess.Line(x64.StdOut, "spike rate:"), AgentProcess.Line(arm64.StdOut, "spike rate:"));
        Assert.Equal(AgentProcess.Line(x64.StdOut, "operations per token:"), AgentProcess.Line(arm64.StdOut, "operations per token:"));
    }

    [Fact]
    public void The_arm64_agent_computes_the_x64_agents_perplexity()
    {
        string[] args = ["eval", models.Lm, "--data", PackedReferenceModels.Data, "--lm-tokens", "12", "--kernel", "Vector128", "--threads", "1"];
        var x64 = Perplexity(publishes.RunX64(args).StdOut);
        var arm64 = Perplexity(publishes.RunArm64(args).StdOut);
        Assert.True(Math.Abs(arm64 / x64 - 1) < 1e-6, $"arm64 {arm64}, x64 {x64}");
    }

    private static double Perplexity(string output) =>
        double.Parse(AgentProcess.Line(output, "WikiText-2 test perplexity:").Split(' ')[0], CultureInfo.InvariantCulture);

    /// <summary>The agent self-contained and trimmed for both architectures, as the build placed them beside
    /// these tests (build/agents/Agents.targets), and the emulator that runs the arm64 one.</summary>
    public sealed class Publishes
    {
        public Publishes()
        {
            foreach (var rid in new[] { "linux-x64", "linux-arm64" })
            {
                if (!File.Exists(Executable(rid))) throw new InvalidOperationException($"{Executable(rid)} is missing: the build places the self-contained agents beside the tests");
            }
            Qemu = new[] { "/usr/bin/qemu-aarch64", "/usr/local/bin/qemu-aarch64" }.FirstOrDefault(File.Exists)
                ?? throw new InvalidOperationException("qemu-aarch64 is not installed: ./run-tests installs qemu-user and the arm64 libraries");
        }

        public string Qemu { get; }

        internal ChildProcess.Result RunX64(string[] args) => Checked(AgentProcess.Run(Executable("linux-x64"), args));

        internal ChildProcess.Result RunArm64(string[] args) => Checked(AgentProcess.Run(Qemu, [Executable("linux-arm64"), .. args]));

        /// <summary>The arm64 agent on the emulated core <paramref name="cpu"/> (<c>qemu-aarch64 -cpu</c>), whatever it exits with.</summary>
        internal ChildProcess.Result RunArm64On(string cpu, string[] args) => AgentProcess.Run(Qemu, ["-cpu", cpu, Executable("linux-arm64"), .. args]);

        private static string Executable(string rid) => Path.Combine(AppContext.BaseDirectory, "agents", rid, "qslm-agent");

        private static ChildProcess.Result Checked(ChildProcess.Result r) =>
            r.ExitCode == 0 ? r : throw new Xunit.Sdk.XunitException($"agent failed ({r.ExitCode}): {r.StdErr}");
    }
}
