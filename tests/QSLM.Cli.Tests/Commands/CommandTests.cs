using System.Globalization;
using QSLM.Model;
using QSLM.Model.Checkpoints;

namespace QSLM.Cli.Tests.Commands;

public sealed class CommandTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-cli-");

    private string _dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Eval_prints_both_metrics_for_the_bundled_models()
    {
        var result = QslmProcess.Run("eval", "--lm-tokens", "2000", "--sst2-sentences", "100");
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("WikiText-2 test perplexity", result.StdOut);
        Assert.Contains("SST-2 dev accuracy", result.StdOut);
        Assert.Contains("2,000 tokens", result.StdOut);
        Assert.Contains("/100 sentences", result.StdOut);
    }

    [Fact]
    public void Generate_with_ids_prints_the_requested_number_of_ids_for_any_vocabulary()
    {
        var path = Path.Combine(_dir, "tiny.pt");
        using (var model = new SpikeGpt(new SpikeGptConfig(2, 8, 37))) SpikeGptCheckpoint.Save(model, path);
        var result = QslmProcess.Run("generate", "--checkpoint", path, "--ids", "5,17,2", "--tokens", "4");
        Assert.True(result.ExitCode == 0, result.StdErr);
        var ids = result.StdOut.Trim().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(4, ids.Length);
        Assert.All(ids, id => Assert.InRange(id, 0, 36));
    }

    [Fact]
    public void Generate_continues_a_text_prompt_with_the_bundled_lm()
    {
        var result = QslmProcess.Run("generate", "--prompt", "The game was", "--tokens", "5");
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.StartsWith("The game was ", result.StdOut);
        Assert.True(result.StdOut.Trim().Split(' ', '\n').Length >= 4);
    }

    [Fact]
    public void Train_lm_saves_a_resumable_run_and_a_second_call_resumes_it()
    {
        var corpus = Path.Combine(_dir, "corpus");
        Directory.CreateDirectory(corpus);
        foreach (var split in new[] { "train", "valid", "test" })
            File.WriteAllLines(Path.Combine(corpus, split + ".txt"), Enumerable.Range(0, 40).Select(i => $" a b c d{i % 7} e f g h "));
        var run = Path.Combine(_dir, "run");
        string[] Args(int steps) => ["train", "lm", "--data", corpus, "--run-dir", run, "--layers", "1", "--width", "8",
            "--batch", "2", "--length", "8", "--steps", steps.ToString(CultureInfo.InvariantCulture), "--save-every", "2"];

        var first = QslmProcess.Run(Args(2));
        Assert.True(first.ExitCode == 0, first.StdErr);
        Assert.Contains("\"Step\": 2", File.ReadAllText(Path.Combine(run, "run.json")));

        var second = QslmProcess.Run(Args(4));
        Assert.True(second.ExitCode == 0, second.StdErr);
        Assert.Contains("resuming", second.StdOut);
        Assert.Contains("\"Step\": 4", File.ReadAllText(Path.Combine(run, "run.json")));
    }
}
