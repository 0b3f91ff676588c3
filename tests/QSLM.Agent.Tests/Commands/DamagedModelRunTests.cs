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
        var original = File.ReadAllBytes(DamagedFiles.WriteBase(_temp.File("base.qslm")));
        foreach (var damage in Enum.GetValues<DamageClass>())
        {
            // The first file of the class that the reader refuses in process.
            var file = DamagedFiles.Generate(damage, original).First(f => Refused(f.Bytes));
            var path = _temp.File($"{damage}.qslm");
            File.WriteAllBytes(path, file.Bytes);
            var result = ChildProcess.Run("dotnet", [typeof(QSLM.Agent.Diagnostics.ProcessMemory).Assembly.Location, "run", path, "--tokens", "2"],
                new Dictionary<string, string> { ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1" }, timeoutSeconds: 60);
            Assert.True(result.ExitCode == 2, $"{file}: exit {result.ExitCode}\n{result.StdErr}");
            var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"qslm-agent: error: {path}: ", line);
        }
    }

    private bool Refused(byte[] bytes)
    {
        var path = _temp.File("probe.qslm");
        File.WriteAllBytes(path, bytes);
        try
        {
            QSLM.Format.Packed.PackedModel.Open(path).Dispose();
            return false;
        }
        catch (QSLM.Format.Packed.PackedFileException)
        {
            return true;
        }
    }
}
