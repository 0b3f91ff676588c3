using QSLM.Boards.Health;

namespace QSLM.Boards.Tests.Health;

public sealed class BoardStateMachineTests
{
    [Fact]
    public void A_board_comes_up_step_by_step_and_runs_repeatedly()
    {
        var states = new BoardStateMachine();
        foreach (var s in new[] { BoardState.Reachable, BoardState.AgentReady, BoardState.ModelLoaded, BoardState.Running, BoardState.ModelLoaded, BoardState.Running, BoardState.ModelLoaded })
            states.MoveTo(s);
        Assert.Equal(BoardState.ModelLoaded, states.State);
        Assert.Equal(8, states.History.Count);
    }

    [Theory]
    [InlineData(BoardState.Unknown, BoardState.AgentReady)]
    [InlineData(BoardState.Unknown, BoardState.Running)]
    [InlineData(BoardState.Reachable, BoardState.ModelLoaded)]
    [InlineData(BoardState.AgentReady, BoardState.Running)]
    [InlineData(BoardState.AgentReady, BoardState.Reachable)]
    public void Skipping_a_step_is_refused(BoardState from, BoardState to) => Assert.False(BoardStateMachine.Allowed(from, to));

    [Theory]
    [InlineData(BoardState.Reachable)]
    [InlineData(BoardState.AgentReady)]
    [InlineData(BoardState.ModelLoaded)]
    [InlineData(BoardState.Running)]
    public void A_lost_board_goes_back_to_unknown_from_anywhere(BoardState from) => Assert.True(BoardStateMachine.Allowed(from, BoardState.Unknown));

    [Fact]
    public void An_illegal_move_throws_and_leaves_the_state_alone()
    {
        var states = new BoardStateMachine();
        Assert.Throws<InvalidOperationException>(() => states.MoveTo(BoardState.Running));
        Assert.Equal(BoardState.Unknown, states.State);
        Assert.Single(states.History);
    }
}
