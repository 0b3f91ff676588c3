using QSLM.Boards.Failures;
using QSLM.Boards.Tests.Fixtures;
using QSLM.Protocol;
using QSLM.Protocol.Messages;
using QSLM.Runtime.Evaluation;
using QSLM.Runtime.Inference;

namespace QSLM.Boards.Tests.Sessions;

/// <summary>The board's own check of a candidate: the agent scores the deployed file on token ids
/// the host sends, and must get what the runtime gets on the host.</summary>
public sealed class EvaluationSessionTests
{
    [Fact]
    public async Task The_agent_scores_a_deployed_model_as_the_runtime_does_on_the_host()
    {
        await using var board = new LocalBoard();
        var model = TinyModels.Write(board.HostFile("m.qslm"));
        var tokens = Enumerable.Range(0, 120).Select(i => (i * 37) % 1200).ToArray();

        var result = await board.Session.EvaluateAsync(model, new RunEvaluation("", EvaluationTask.Perplexity, [], [], tokens, 0, 4, 1));

        using var runtime = SpikeGptRuntime.Open(model, new RuntimeOptions(QSLM.Runtime.Kernels.KernelPaths.Best, 1));
        var expected = RuntimePerplexity.Evaluate(runtime, tokens, 0, streams: 4);
        Assert.Equal(ModelHash.OfFile(model), result.Sha256);
        Assert.Equal(expected.Perplexity, result.Metric, 9);
        Assert.Equal(120, result.Items);
        Assert.True(result.PeakRssBytes > 0);
        Assert.Empty(board.Session.Failures);
    }

    [Fact]
    public async Task Token_ids_outside_the_vocabulary_are_refused_as_the_hosts_mistake_not_the_models()
    {
        await using var board = new LocalBoard();
        var model = TinyModels.Write(board.HostFile("m.qslm"));

        var failure = await Assert.ThrowsAsync<BoardFailureException>(() =>
            board.Session.EvaluateAsync(model, new RunEvaluation("", EvaluationTask.Perplexity, [], [], [1, 2, 5000], 0, 1, 1)));

        Assert.Equal(FailureClass.Infrastructure, failure.Class);
        Assert.Equal(ErrorCodes.BadRequest, failure.Code);
        // The agent answered and stays in step: the same session goes on to score good data.
        var result = await board.Session.EvaluateAsync(model, new RunEvaluation("", EvaluationTask.Perplexity, [], [], [1, 2, 3], 0, 1, 1));
        Assert.Equal(3, result.Items);
    }

    [Fact]
    public async Task A_file_the_runtime_cannot_open_is_a_candidate_failure()
    {
        await using var board = new LocalBoard();
        var garbage = TinyModels.WriteGarbage(board.HostFile("g.qslm"));

        var failure = await Assert.ThrowsAsync<BoardFailureException>(() =>
            board.Session.EvaluateAsync(garbage, new RunEvaluation("", EvaluationTask.Perplexity, [], [], [1, 2, 3], 0, 1, 1)));

        Assert.Equal(FailureClass.Candidate, failure.Class);
        Assert.Equal(ErrorCodes.ModelInvalid, failure.Code);
    }
}
