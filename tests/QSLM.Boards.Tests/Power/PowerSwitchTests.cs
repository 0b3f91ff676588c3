using QSLM.Boards.Power;
using QSLM.Errors;

namespace QSLM.Boards.Tests.Power;

/// <summary>A bench file's power_switch: a command line run with the board's name, done when it exits 0.</summary>
public sealed class PowerSwitchTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-power-switch-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task The_command_runs_with_the_board_name_as_one_word_however_odd_the_name()
    {
        var log = _temp.File("cycled.txt");
        var power = new PowerSwitch($"printf '%s|' {{board}} > '{log}'");

        await power.CycleAsync("pi 5; rm -rf it's");

        Assert.Equal("pi 5; rm -rf it's|", File.ReadAllText(log));
    }

    [Fact]
    public async Task A_command_that_fails_is_an_infrastructure_failure_with_its_last_words()
    {
        var power = new PowerSwitch("echo 'relay 3 did not answer' >&2; exit 4");

        var e = await Assert.ThrowsAsync<InfrastructureFailureException>(() => power.CycleAsync("pi"));

        Assert.Contains("board pi: power switch", e.Message, StringComparison.Ordinal);
        Assert.Contains("exited 4: relay 3 did not answer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_that_does_not_finish_in_time_is_stopped_and_is_an_infrastructure_failure()
    {
        var power = new PowerSwitch("sleep 60", TimeSpan.FromMilliseconds(300));

        var e = await Assert.ThrowsAsync<InfrastructureFailureException>(() => power.CycleAsync("pi"));

        Assert.Contains("did not finish in 0 s", e.Message, StringComparison.Ordinal);
    }
}
