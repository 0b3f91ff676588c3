using QSLM.Boards.Sessions;
using QSLM.Harness.Farms;
using QSLM.Protocol;
using QSLM.Protocol.Messages;
using QSLM.Runtime.Tests;

namespace QSLM.Harness.Tests.Farms;

/// <summary>
/// A whole agent session written ahead, as a LAVA board gets it, piped into the real agent (<c>qslm-agent serve</c>,
/// framework-dependent, on this machine) with its input held open until it says bye, as the board script does: the
/// agent answers every request, and the answers are read back.
/// </summary>
public sealed class AgentSessionScriptTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-session-script-");

    public void Dispose() => _temp.Dispose();

    private static readonly RunEvaluation Sentences = new("", EvaluationTask.Sst2, [[1, 2, 3], [4, 5], [6, 7, 8, 9]], [0, 1, 1], [], 0, 1, 0);

    /// <summary>A tiny SST-2 classifier stored in ROOT/models under its SHA-256, as the board script fetches it.</summary>
    private string Stored(string root)
    {
        var model = TinySpikeGpt.Write(_temp.File("tiny.qslm"), lmHead: false, classes: 2);
        var sha = QSLM.Harness.Search.SearchManifest.Sha256(model);
        Directory.CreateDirectory(Path.Combine(root, ModelStoreLayout.Folder));
        File.Copy(model, Path.Combine(root, ModelStoreLayout.Folder, ModelStoreLayout.CompleteFileName(sha)));
        return sha;
    }

    [Fact]
    public void The_agent_answers_a_written_session_with_its_hello_the_scoring_and_every_timed_repeat()
    {
        var root = Directory.CreateDirectory(_temp.File("board")).FullName;
        var sha = Stored(root);

        var answers = AgentOverPipe.Serve(root, AgentSessionScript.Write(sha, Sentences, new RunSettings(Tokens: 4, Warmup: 2, Repeats: 3), "test"));
        var (hello, evaluation, run) = AgentSessionScript.Read(answers);

        Assert.NotNull(hello);
        Assert.Equal(ProtocolLimits.Version, hello.ProtocolVersion);
        var scored = Assert.IsType<EvaluationResult>(evaluation);
        Assert.Equal((sha, 3), (scored.Sha256, scored.Predictions.Count));
        var timed = Assert.IsType<RunResult>(run);
        Assert.Equal(3, timed.RepeatSeconds.Count);
        Assert.All(timed.RepeatSeconds, s => Assert.True(s > 0));
    }

    [Fact]
    public void A_model_the_agent_cannot_run_gives_its_error_for_the_scoring_and_the_run_not_the_unused_acknowledgements()
    {
        var root = Directory.CreateDirectory(_temp.File("board")).FullName;
        var sha = Stored(root);
        // The stored bytes no longer hash to their name: the agent deletes them unrun, so it holds no such model.
        File.AppendAllText(Path.Combine(root, ModelStoreLayout.Folder, ModelStoreLayout.CompleteFileName(sha)), "x");

        var (hello, evaluation, run) = AgentSessionScript.Read(AgentOverPipe.Serve(root, AgentSessionScript.Write(sha, Sentences, new RunSettings(Tokens: 4, Warmup: 2, Repeats: 2), "test")));

        Assert.NotNull(hello);
        Assert.Equal(ErrorCodes.ModelMissing, Assert.IsType<ErrorReply>(evaluation).Code);
        Assert.NotEqual(ErrorCodes.OutOfSequence, Assert.IsType<ErrorReply>(run).Code);
    }

    [Fact]
    public void Answers_cut_short_leave_what_was_not_answered_null()
    {
        var (hello, evaluation, run) = AgentSessionScript.Read("{\"type\":\"bye\"}\nnot json\n"u8.ToArray());

        Assert.Null(hello);
        Assert.Null(evaluation);
        Assert.Null(run);
    }
}
