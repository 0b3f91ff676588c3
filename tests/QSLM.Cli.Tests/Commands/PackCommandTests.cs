using QSLM.Model;
using QSLM.Model.Checkpoints;

namespace QSLM.Cli.Tests.Commands;

public sealed class PackCommandTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-pack-cli-");

    private string _dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    private string Checkpoint()
    {
        var path = Path.Combine(_dir, "tiny.safetensors");
        using var model = new SpikeGpt(new SpikeGptConfig(2, 32, 50));
        SpikeGptCheckpoint.Save(model, path);
        return path;
    }

    [Fact]
    public void Pack_writes_a_file_that_inspect_validates_and_describes()
    {
        var output = Path.Combine(_dir, "tiny.qslm");
        var pack = QslmProcess.Run("pack", "--checkpoint", Checkpoint(), "--assign", "emb.weight=sign1,blocks.*.att.*.weight=int4_g32,*=fp16", "-o", output);
        Assert.True(pack.ExitCode == 0, pack.StdErr);
        Assert.Contains("smaller than fp32", pack.StdOut);
        Assert.True(File.Exists(output));

        var inspect = QslmProcess.Run("inspect", output);
        Assert.True(inspect.ExitCode == 0, inspect.StdErr);
        Assert.Contains("checksums valid", inspect.StdOut);
        Assert.Contains("sign1", inspect.StdOut);
        Assert.Contains("int4_g32", inspect.StdOut);
        Assert.Contains(new FileInfo(output).Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " bytes", inspect.StdOut);
    }

    [Fact]
    public void Inspect_refuses_a_corrupted_file_in_one_line()
    {
        var output = Path.Combine(_dir, "bad.qslm");
        Assert.Equal(0, QslmProcess.Run("pack", "--checkpoint", Checkpoint(), "--assign", "*=int8", "-o", output).ExitCode);
        var bytes = File.ReadAllBytes(output);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(output, bytes);
        var result = QslmProcess.Run("inspect", output);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"qslm: error: {output}: SHA-256 mismatch: the file is corrupted", result.StdErr.Trim());
    }

    [Fact]
    public void An_unknown_format_in_the_rules_is_refused_in_one_line()
    {
        var result = QslmProcess.Run("pack", "--checkpoint", Checkpoint(), "--assign", "*=int7", "-o", Path.Combine(_dir, "x.qslm"));
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("qslm: error: precision rule '*=int7': unknown format 'int7'", result.StdErr);
    }
}
