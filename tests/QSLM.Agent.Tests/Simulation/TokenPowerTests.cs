using QSLM.Agent.Simulation;
using QSLM.Errors;

namespace QSLM.Agent.Tests.Simulation;

/// <summary>A model priced per token shows its tokens' energy, however unevenly the simulation's ticks come.</summary>
public sealed class TokenPowerTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-tokenpower-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_energy_shown_over_uneven_ticks_is_the_tokens_energy_give_or_take_the_last_ticks_overshoot()
    {
        var power = new TokenPower();
        var random = new Random(4);
        double shown = 0;
        long tokens = 0;
        var watts = power.Watts("model", tokens, 0.01, 0.005);
        for (var tick = 0; tick < 2000; tick++)
        {
            // Ticks of 1 to 60 ms (a starved thread), a few tokens ending in some of them.
            var interval = 0.001 + (random.NextDouble() * 0.059);
            shown += watts * interval;
            tokens += random.Next(4);
            watts = power.Watts("model", tokens, 0.01, interval);
            Assert.True(watts >= 0);
        }
        // Once the tokens stop, what is owed drains by a tick's share of the lag each tick: ten seconds leave nothing.
        for (var tick = 0; tick < 2000; tick++)
        {
            shown += watts * 0.005;
            watts = power.Watts("model", tokens, 0.01, 0.005);
        }

        // A tick longer than the lag shows a little more than was owed, which the next tokens repay: at the end, at most
        // what the last long tick overshot is left unrepaid, a few tokens' energy out of thousands.
        Assert.InRange(shown, (tokens * 0.01) - 1e-9, (tokens * 0.01) + 0.05);
    }

    [Fact]
    public void Another_model_starts_from_nothing_owed()
    {
        var power = new TokenPower();
        power.Watts("a", 0, 1, 0.005);
        Assert.True(power.Watts("a", 10, 1, 0.005) > 0);

        Assert.Equal(0, power.Watts("b", 10, 1, 0.005));
    }

    [Fact]
    public void A_board_file_prices_models_by_sha256_and_states_its_window_noise()
    {
        var sha = new string('a', 64);
        var path = SimulatedBoardFiles.Write(_temp.File("b.json"), "sim", "jetson-ina3221",
            extra: $"\"models\": {{ \"{sha}\": {{ \"joulesPerToken\": 0.25 }} }}, \"windowNoise\": 0.05, \"noiseSeed\": 9");

        var board = SimulatedBoardFile.Load(path);

        Assert.Equal(0.25, board.Models![sha].JoulesPerToken);
        Assert.Equal((0.05, 9), (board.WindowNoise, board.NoiseSeed));
    }

    [Theory]
    [InlineData("\"models\": { \"ABC\": { \"joulesPerToken\": 1 } }", "models maps lower-case SHA-256")]
    [InlineData("\"windowNoise\": 1.5", "windowNoise must be 0 or more and below 1")]
    public void A_board_file_with_a_model_key_that_is_no_hash_or_an_impossible_noise_is_refused(string member, string reason)
    {
        var path = SimulatedBoardFiles.Write(_temp.File("bad.json"), "sim", "jetson-ina3221", extra: member);

        var refused = Assert.Throws<InputException>(() => SimulatedBoardFile.Load(path));

        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
    }
}
