using QSLM.Harness.Search;
using QSLM.Protocol.Messages;
using QSLM.Search.Objective;

namespace QSLM.Harness.Tests.Search;

public sealed class CandidateChecksTests
{
    [Fact]
    public void Accuracy_is_compared_in_points_and_perplexity_as_a_relative_change()
    {
        var accuracy = new CandidateChecks(MetricKind.Accuracy, 0.005, null);
        Assert.Null(accuracy.WrongOutput(0.9, 0.904));
        Assert.Equal("wrong output: the board scored 0.89 where the host scored 0.9 (tolerance 0.005)", accuracy.WrongOutput(0.9, 0.89));

        var perplexity = new CandidateChecks(MetricKind.Perplexity, 0.01, null);
        Assert.Null(perplexity.WrongOutput(200, 201.9));
        Assert.Equal("wrong output: the board scored 203 where the host scored 200 (tolerance 0.01)", perplexity.WrongOutput(200, 203));
    }

    [Fact]
    public void Wrong_output_is_named_before_memory_and_a_budget_from_the_hello_holds_only_where_the_profile_sets_none()
    {
        var fixedBudget = new CandidateChecks(MetricKind.Accuracy, 0, new BoardMemoryBudget(1000, "memory_for_model of profile p"));
        Assert.StartsWith("wrong output:", fixedBudget.Failure(1, 0.5, 5000, null));
        Assert.Equal("out of memory: peak resident 5000 bytes over the board's 1000 (memory_for_model of profile p)", fixedBudget.Failure(1, 1, 5000, null));
        Assert.Null(fixedBudget.Failure(1, 1, 1000, null));

        var fromHello = new CandidateChecks(MetricKind.Accuracy, 0, BoardMemoryBudget.Of(null));
        var hello = new HelloReply(1, "agent", "linux-x64", "x86_64", 4, null, 2000, [], [], 1 << 20, 1 << 30);
        Assert.Null(fromHello.Failure(1, 1, 5000, null));
        Assert.Equal("out of memory: peak resident 5000 bytes over the board's 2000 (MemAvailable at the agent's hello)", fromHello.Failure(1, 1, 5000, hello));
    }
}
