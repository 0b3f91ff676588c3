using QSLM.Model;
using QSLM.Model.Checkpoints;

namespace QSLM.Cli.Tests.Commands;

/// <summary>Every bad input ends in one line naming what and where, a non-zero exit code, and no
/// stack trace unless <c>--verbose</c>.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-cli-");

    private string _dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    private string SmallCheckpoint(int vocab)
    {
        var path = Path.Combine(_dir, $"small-{vocab}.safetensors");
        using var model = new SpikeGpt(new SpikeGptConfig(1, 8, vocab));
        SpikeGptCheckpoint.Save(model, path);
        return path;
    }

    [Fact]
    public void Missing_model_file_names_the_path()
    {
        var path = Path.Combine(_dir, "absent.safetensors");
        OneLineError.Assert(QslmProcess.Run("eval", "--lm", path, "--no-sst2"), $"checkpoint not found: {path}");
    }

    [Fact]
    public void Missing_data_folder_names_the_file()
    {
        OneLineError.Assert(QslmProcess.Run("eval", "--wikitext", "/nonexistent/wt2"), "/nonexistent/wt2/train.txt");
    }

    [Fact]
    public void Data_export_with_an_impossible_hold_out_names_the_limit()
    {
        OneLineError.Assert(QslmProcess.Run("data", "export", "--out", Path.Combine(_dir, "export"), "--holdout", "999999"), "hold-out of 999999 sentences is outside 0..");
    }

    [Fact]
    public void Unreadable_checkpoint_names_the_path()
    {
        var path = Path.Combine(_dir, "garbage.pth");
        File.WriteAllText(path, "this is not a pickle");
        OneLineError.Assert(QslmProcess.Run("eval", "--lm", path, "--no-sst2"), $"cannot read checkpoint {path}");
    }

    [Fact]
    public void Wrong_vocabulary_size_is_refused_with_both_sizes()
    {
        var path = SmallCheckpoint(50);
        OneLineError.Assert(QslmProcess.Run("eval", "--lm", path, "--no-sst2"), $"{path}: vocabulary size 50 does not match WikiText-2's 33278");
    }

    [Fact]
    public void Verbose_adds_the_stack_trace()
    {
        var result = QslmProcess.Run("eval", "--lm", Path.Combine(_dir, "absent.pt"), "--no-sst2", "--verbose");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("   at ", result.StdErr);
    }

    [Fact]
    public void Token_ids_outside_the_checkpoint_vocabulary_are_refused()
    {
        var path = SmallCheckpoint(50);
        OneLineError.Assert(QslmProcess.Run("generate", "--checkpoint", path, "--ids", "5,50"), "token id 50 is outside the checkpoint's vocabulary 0..49");
    }

    [Fact]
    public void Generate_needs_exactly_one_of_prompt_and_ids()
    {
        OneLineError.Assert(QslmProcess.Run("generate", "--checkpoint", SmallCheckpoint(50)), "give exactly one of --prompt TEXT or --ids");
    }
}
