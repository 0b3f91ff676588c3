using System.Globalization;

namespace QSLM.Agent.Tests.Commands;

public sealed class EvalCommandTests(PackedReferenceModels models) : IClassFixture<PackedReferenceModels>
{
    [Fact]
    public void Evaluates_a_slice_of_sst2_and_reports_operations_spikes_and_memory()
    {
        var r = AgentProcess.RunBuilt("eval", models.Sst2, "--data", PackedReferenceModels.Data, "--sst2-sentences", "12", "--predictions");
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Matches(@"^\d+\.\d\d% \(\d+/12\)$", AgentProcess.Line(r.StdOut, "SST-2 dev accuracy:"));
        Assert.Matches("^[01]{12}$", AgentProcess.Line(r.StdOut, "SST-2 predictions:"));
        Assert.Contains("MAC", AgentProcess.Line(r.StdOut, "operations per token:"));
        Assert.Equal(1 + 6, AgentProcess.Line(r.StdOut, "spike rate:").Split(';').Length); // the embedding, then each block's two LIF layers
        var peak = AgentProcess.Line(r.StdOut, "peak RSS:");
        Assert.Contains("(VmHWM)", peak);
        Assert.True(long.Parse(peak.Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture) > new FileInfo(models.Sst2).Length);
    }

    [Fact]
    public void Evaluates_perplexity_on_a_slice_of_wikitext2()
    {
        var r = AgentProcess.RunBuilt("eval", models.Lm, "--data", PackedReferenceModels.Data, "--lm-tokens", "50");
        Assert.True(r.ExitCode == 0, r.StdErr);
        var perplexity = double.Parse(AgentProcess.Line(r.StdOut, "WikiText-2 test perplexity:").Split(' ')[0], CultureInfo.InvariantCulture);
        Assert.InRange(perplexity, 20, 2000);
    }

    [Theory]
    [InlineData("missing", "not found")]
    [InlineData("corrupt", "SHA-256")]
    public void A_missing_or_corrupted_model_is_one_line_and_exit_code_2(string kind, string expected)
    {
        var path = Path.Combine(models.Folder, kind + ".qslm");
        if (kind == "corrupt")
        {
            var bytes = File.ReadAllBytes(models.Sst2);
            bytes[bytes.Length / 3] ^= 1;
            File.WriteAllBytes(path, bytes);
        }
        var r = AgentProcess.RunBuilt("eval", path, "--data", PackedReferenceModels.Data);
        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("qslm-agent: error:", line);
        Assert.Contains(expected, line, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_model_packed_for_another_vocabulary_is_refused()
    {
        var data = Path.Combine(models.Folder, "other-data");
        Directory.CreateDirectory(Path.Combine(data, "wikitext-2"));
        foreach (var split in new[] { "train", "valid", "test" })
            File.WriteAllText(Path.Combine(data, "wikitext-2", split + ".txt"), " a b c <unk> \n");
        var r = AgentProcess.RunBuilt("eval", models.Sst2, "--data", data);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("was packed for vocabulary", r.StdErr);
    }

    [Theory]
    [InlineData("--sst2-sentences", "0")]
    [InlineData("--sst2-sentences", "873")]
    [InlineData("--threads", "0")]
    public void An_out_of_range_option_is_one_line_and_exit_code_2(string option, string value)
    {
        var r = AgentProcess.RunBuilt("eval", models.Sst2, "--data", PackedReferenceModels.Data, option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("qslm-agent: error:", r.StdErr);
    }
}
