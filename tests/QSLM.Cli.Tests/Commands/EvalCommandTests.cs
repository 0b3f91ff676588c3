using QSLM.Model;
using QSLM.Model.Checkpoints;

namespace QSLM.Cli.Tests.Commands;

/// <summary><c>qslm eval</c> as a job writing to a log runs it.</summary>
public sealed class EvalCommandTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-eval-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void In_a_log_eval_prints_its_progress_with_the_fraction_done()
    {
        var path = _temp.File("tiny-lm.safetensors");
        using (var model = new SpikeGpt(new SpikeGptConfig(1, 8, 33_278))) SpikeGptCheckpoint.Save(model, path);

        var result = QslmProcess.Run("eval", "--lm", path, "--no-sst2", "--lm-tokens", "20000");

        Assert.True(result.ExitCode == 0, result.StdErr);
        var progress = result.StdErr.Split('\n').Where(l => l.StartsWith("qslm: evaluating perplexity: ", StringComparison.Ordinal)).ToList();
        Assert.True(progress.Count >= 5, result.StdErr);
        Assert.Matches(@"^qslm: evaluating perplexity: 10% \(2,048/20,000 tokens\), ", progress[0]);
        Assert.StartsWith("qslm: evaluating perplexity: 100% (20,000/20,000 tokens), ", progress[^1]);
        Assert.Contains("WikiText-2 test perplexity: ", result.StdOut);
    }
}
