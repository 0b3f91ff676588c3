using QSLM.Format.Tests.Packed.Damage;

namespace QSLM.Agent.Tests.Commands;

/// <summary>A sample of the corruption suite through the real <c>qslm-agent run</c>: exit 2, one line that
/// names the file and the reason, no crash, no hang.</summary>
public sealed class DamagedModelRunTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-agent-damaged-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_sample_of_damaged_files_each_exits_2_with_one_line_naming_the_file()
    {
        foreach (var (file, path) in DamagedFiles.RefusedSampleOfEachClass(_temp.Path))
        {
            var result = ChildProcess.Run("dotnet", [typeof(QSLM.Agent.Diagnostics.ProcessMemory).Assembly.Location, "run", path, "--tokens", "2"],
                new Dictionary<string, string> { ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1" }, timeoutSeconds: 60);
            Assert.True(result.ExitCode == 2, $"{file}: exit {result.ExitCode}\n{result.StdErr}");
            var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"qslm-agent: error: {path}: ", line);
        }
    }
}
