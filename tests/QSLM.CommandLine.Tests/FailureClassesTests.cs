using QSLM.Errors;

namespace QSLM.CommandLine.Tests;

public sealed class FailureClassesTests
{
    private sealed class DamagedThing(string message) : InputException(message);

    [Fact]
    public void What_the_user_supplied_is_bad_input_whichever_subclass_says_so()
    {
        Assert.Equal(ExitCodes.BadInput, FailureClasses.Of(new InputException("--menu is empty")));
        Assert.Equal(ExitCodes.BadInput, FailureClasses.Of(new DamagedThing("model.qslm: header damaged")));
        Assert.Equal(ExitCodes.BadInput, FailureClasses.Of(new FileNotFoundException("absent.qslm")));
        Assert.Equal(ExitCodes.BadInput, FailureClasses.Of(new DirectoryNotFoundException("/nonexistent")));
        Assert.Equal(ExitCodes.BadInput, FailureClasses.Of(new UnauthorizedAccessException("/root/out.csv")));
    }

    [Fact]
    public void An_infrastructure_failure_is_3()
    {
        Assert.Equal(ExitCodes.Infrastructure, FailureClasses.Of(new InfrastructureFailureException("the board stopped answering")));
    }

    [Fact]
    public void An_invariant_failing_is_left_to_the_program_which_makes_it_a_bug()
    {
        Assert.Null(FailureClasses.Of(new ArgumentException("width must be positive, got 0")));
        Assert.Null(FailureClasses.Of(new FormatException("bad number")));
        Assert.Null(FailureClasses.Of(new InvalidOperationException("the ledger lost a candidate")));
    }

    [Fact]
    public void The_shared_rule_comes_before_the_programs_own()
    {
        var classify = FailureClasses.Then(_ => ExitCodes.CheckFailed);
        Assert.Equal(ExitCodes.BadInput, classify(new InputException("x")));
        Assert.Equal(ExitCodes.CheckFailed, classify(new ArgumentException("x")));
    }
}
