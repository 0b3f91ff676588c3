namespace QSLM.Agent.Tests.Commands;

/// <summary><c>qslm-agent selftest kernels</c> on the emulated cores of the boards: Cortex-A76 (Pi 5; the
/// ARMv8.2 dot product, <c>sdot</c>) and Cortex-A72 (Pi 4; no dot product, the AdvSimd fallback), each
/// checking every vector path of the integer kernels bit for bit against the scalar reference.</summary>
public sealed class SelftestCommandTests(CrossArchitectureTests.Publishes publishes) : IClassFixture<CrossArchitectureTests.Publishes>
{
    [Theory]
    [InlineData("cortex-a76", "sdot (Dp)")]
    [InlineData("cortex-a72", "widening multiplies (AdvSimd)")]
    public void The_arm64_agents_kernels_equal_the_scalar_reference_bit_for_bit_with_the_dot_product_instruction_the_core_has(string cpu, string instruction)
    {
        var result = publishes.RunArm64On(cpu, ["selftest", "kernels"]);
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.StdOut}{result.StdErr}");
        Assert.Equal(instruction, AgentProcess.Line(result.StdOut, "A8 dot product on Vector128:"));
        Assert.Contains("all bit-exact with the scalar reference", AgentProcess.Line(result.StdOut, "kernels:"), StringComparison.Ordinal);
        Assert.DoesNotContain(" 0/", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void The_agent_checks_every_vector_path_of_this_processor_and_exits_0_when_all_are_bit_exact()
    {
        var result = AgentProcess.RunBuilt("selftest", "kernels");
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.StdOut}{result.StdErr}");
        Assert.Contains("Vector128 int8_a8 (IntegerActivationKernel): ", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("Vector128 int3_g32_asym (PackedIntKernel): ", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("all bit-exact with the scalar reference", AgentProcess.Line(result.StdOut, "kernels:"), StringComparison.Ordinal);
    }
}
