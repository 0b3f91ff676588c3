using QSLM.Agent.Simulation;
using QSLM.Errors;

namespace QSLM.Agent.Tests.Simulation;

/// <summary>A model priced per token shows its tokens' energy as their work is done, however unevenly the ticks come.</summary>
public sealed class TokenEnergyTests : IDisposable
{
    private const long MacsPerToken = 1000;
    private const double JoulesPerToken = 0.01;

    private readonly TemporaryFolder _temp = new("qslm-tokenenergy-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void After_every_token_the_energy_shown_is_exactly_the_finished_tokens_stated_energy_whatever_the_ticks()
    {
        var energy = new TokenEnergy();
        var random = new Random(4);
        long macs = 0;
        energy.Joules("model", 0, macs, JoulesPerToken);
        double shown = 0;
        for (var tick = 0; tick < 5000; tick++)
        {
            // Ticks that see anything from a sliver of a token to several tokens (a starved thread).
            macs += random.Next(3 * (int)MacsPerToken);
            var tokens = macs / MacsPerToken;
            shown += energy.Joules("model", tokens, macs, JoulesPerToken);
            Assert.InRange(shown, (tokens * JoulesPerToken) - 1e-9, ((tokens + 1) * JoulesPerToken) + 1e-9);
        }
    }

    [Fact]
    public void The_energy_is_spent_as_the_work_is_done_and_nothing_is_spent_while_the_model_pauses()
    {
        var energy = new TokenEnergy();
        energy.Joules("model", 0, 0, JoulesPerToken);
        // The first token's energy comes at its end: its multiply-accumulates per token are not known before.
        Assert.Equal(0, energy.Joules("model", 0, MacsPerToken / 2, JoulesPerToken));
        Assert.Equal(JoulesPerToken, energy.Joules("model", 1, MacsPerToken, JoulesPerToken), 12);

        // Then each quarter of a token's work shows a quarter of its energy.
        for (var quarter = 1; quarter <= 4; quarter++)
            Assert.Equal(JoulesPerToken / 4, energy.Joules("model", quarter == 4 ? 2 : 1, MacsPerToken + (quarter * MacsPerToken / 4), JoulesPerToken), 12);
        // A pause between windows: no work, no energy.
        Assert.Equal(0, energy.Joules("model", 2, 2 * MacsPerToken, JoulesPerToken));
    }

    [Fact]
    public void A_window_of_whole_tokens_between_pauses_holds_exactly_their_energy()
    {
        var energy = new TokenEnergy();
        energy.Joules("model", 0, 0, JoulesPerToken);
        energy.Joules("model", 3, 3 * MacsPerToken, JoulesPerToken);
        double window = 0;
        for (long macs = (3 * MacsPerToken) + 70; macs <= 23 * MacsPerToken; macs += 70)
            window += energy.Joules("model", macs / MacsPerToken, macs, JoulesPerToken);
        window += energy.Joules("model", 23, 23 * MacsPerToken, JoulesPerToken);

        Assert.Equal(20 * JoulesPerToken, window, 9);
    }

    [Fact]
    public void Another_model_starts_from_nothing_shown()
    {
        var energy = new TokenEnergy();
        energy.Joules("a", 0, 0, 1);
        Assert.Equal(1, energy.Joules("a", 1, MacsPerToken, 1), 12);

        Assert.Equal(0, energy.Joules("b", 1, MacsPerToken, 1));
        Assert.Equal(1, energy.Joules("b", 2, 2 * MacsPerToken, 1), 12);
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

    [Fact]
    public void A_board_file_that_states_models_energies_and_prices_processor_time_is_refused()
    {
        var path = SimulatedBoardFiles.Write(_temp.File("cpu.json"), "sim", "jetson-ina3221", joulesPerCpuSecond: 2, extra: "\"models\": {}");

        var refused = Assert.Throws<InputException>(() => SimulatedBoardFile.Load(path));

        Assert.Contains("must set joulesPerCpuSecond to 0", refused.Message, StringComparison.Ordinal);
    }
}
