using QSLM.Harness.Power;
using QSLM.Search.Board;
using QSLM.Sensors.Board;
using QSLM.Sensors.Sampling;

namespace QSLM.Harness.Tests.Power;

public class LabMeasurementTests
{
    private const string Sensor = "ina3221:VDD_IN";

    /// <summary>Idle 2 W; the baseline draws 4 W more at 100 tokens/s (0.06 J/token gross, 0.04 net), the candidate
    /// 2.5 W more at 120 tokens/s (0.0375 J/token gross, 0.02083 net).</summary>
    private static FakeBoardWindows Board(int seed = 1, double gainPerSecond = 0, bool temperature = false, HashSet<int>? throttled = null)
    {
        var board = new FakeBoardWindows(seed)
        {
            MinDelay = 0.001,
            MaxDelay = 0.01,
            GainPerSecond = gainPerSecond,
            ReportsTemperature = temperature,
            ThrottledRuns = throttled ?? [],
        };
        board.Models["fp32.qslm"] = (4, 100);
        board.Models["int8.qslm"] = (2.5, 120);
        return board;
    }

    private static LabResult Measure(FakeBoardWindows board, LabWindowRules rules, int seed = 3) =>
        new LabMeasurement(board, LabMeter.OnBoard(Sensor), rules).MeasureAsync("fp32.qslm", "int8.qslm", seed, CancellationToken.None).GetAwaiter().GetResult();

    [Fact]
    public void Idle_is_measured_once_first_then_each_pair_in_the_schedule_s_order()
    {
        var board = Board();
        var result = Measure(board, new LabWindowRules(), seed: 5);

        var models = board.Windows.Select(w => w.Model).ToList();
        Assert.Null(models[0]);
        var runs = result.Windows.Skip(1).ToList();
        var schedule = AbabSchedule.Create(5, seed: 5);
        Assert.Equal(schedule.Select(s => s.Side), runs.Select(w => w.Side!.Value));
        Assert.Equal(schedule.Select(s => s.Side == LabSide.Baseline ? "fp32.qslm" : "int8.qslm"), models.Where(m => m is not null));
        // The idle window and the ten runs sample the sensor; the cool-down pauses between them sample nothing.
        Assert.Equal([Sensor], board.SensorRequests[0]);
        Assert.Equal(11, board.SensorRequests.Count(s => s.SequenceEqual([Sensor])));
        Assert.Equal(10, board.SensorRequests.Count(s => s.Count == 0));
    }

    [Fact]
    public void Gross_and_net_power_and_energy_per_token_and_the_paired_saving_follow_the_board()
    {
        var result = Measure(Board(), new LabWindowRules());

        Assert.Equal(2.0, result.IdleWatts, 1e-6);
        Assert.Equal(6.0, result.Baseline.GrossWatts, 1e-3);
        Assert.Equal(4.0, result.Baseline.NetWatts, 1e-3);
        Assert.Equal(0.06, result.Baseline.GrossJoulesPerToken, 1e-5);
        Assert.Equal(0.04, result.Baseline.NetJoulesPerToken, 1e-5);
        Assert.Equal(4.5, result.Candidate!.GrossWatts, 1e-3);
        Assert.Equal(0.0375, result.Candidate.GrossJoulesPerToken, 1e-5);
        Assert.Equal(1 - (0.0375 / 0.06), result.Saving!.Value, 1e-3);
        Assert.Equal(1 - ((2.5 / 120) / 0.04), result.NetSaving!.Value, 1e-3);
        Assert.Equal(10, result.Baseline.LatencyMs, 1e-6);
        Assert.Equal(5, result.Baseline.Windows);
        Assert.Equal(10, result.Baseline.WindowSeconds, 1e-9);
        Assert.Equal(SourceTag.Simulated("fake-board"), result.Source);
        Assert.False(result.Quick);
        Assert.Null(result.AlignmentErrorSeconds);
    }

    [Fact]
    public void Each_window_holds_the_samples_of_its_length_at_the_sensor_s_rate()
    {
        var result = Measure(Board(), new LabWindowRules());

        // 10 s at one sample per 10 ms: 1000 intervals, 1001 samples from mark to mark.
        Assert.All(result.Windows, w => Assert.InRange(w.Samples, 1000, 1001));
        Assert.InRange(result.IdleSamples, 1000, 1001);
        Assert.InRange(result.Baseline.Samples, 5 * 1000, 5 * 1001);
    }

    [Fact]
    public void A_meter_drifting_over_the_run_leaves_the_paired_saving_close_to_the_truth()
    {
        // The reading grows by 0.1% a second: 18% over the run's three minutes, about 1.5% within a pair. Measured one
        // candidate after the other, the saving would be off by about 7 points.
        var result = Measure(Board(gainPerSecond: 0.001), new LabWindowRules(), seed: 11);

        Assert.Equal(1 - (0.0375 / 0.06), result.Saving!.Value, 0.012);
        Assert.True(result.SavingCi95 is > 0, "a drifting board leaves a spread over the pairs");
    }

    [Fact]
    public void A_throttled_window_is_repeated_once_and_a_window_throttled_again_is_kept_and_flagged()
    {
        // Run 0 throttles once; run 4 throttles, and so does its repeat (run 5).
        var result = Measure(Board(throttled: [0, 4, 5]), new LabWindowRules());

        var runs = result.Windows.Skip(1).ToList();
        Assert.Equal(12, runs.Count);
        var discarded = runs.Where(w => !w.Kept).ToList();
        Assert.Equal(2, discarded.Count);
        Assert.All(discarded, w => Assert.True(w.Throttled));
        Assert.Equal([1, 2], runs.Where(w => w.Repeat == runs[4].Repeat && w.Side == runs[4].Side).Select(w => w.Attempt));
        var flagged = Assert.Single(runs, w => w.Flagged);
        Assert.Equal(2, flagged.Attempt);
        Assert.Equal("simulated throttle", flagged.ThrottleDetail);
        Assert.Equal(10, result.Baseline.Windows + result.Candidate!.Windows);
        Assert.Equal(1, result.Baseline.ThrottledWindows + result.Candidate.ThrottledWindows);
    }

    [Fact]
    public void Throttled_windows_are_kept_as_they_are_when_the_rules_say_not_to_repeat_them()
    {
        var result = Measure(Board(throttled: [0]), new LabWindowRules { RepeatThrottled = false });

        Assert.Equal(11, result.Windows.Count);
        Assert.All(result.Windows, w => Assert.True(w.Kept));
    }

    [Fact]
    public void A_board_that_reports_its_temperature_cools_to_within_the_margin_before_each_window()
    {
        var board = Board(temperature: true);
        var rules = new LabWindowRules { CooldownMarginCelsius = 2 };

        var result = Measure(board, rules);

        Assert.All(board.CelsiusAtRunStart, c => Assert.InRange(c, board.IdleCelsius, board.IdleCelsius + 2));
        // 10 °C of excess falls to 2 °C after ln(5)/0.2 ≈ 8 s: longer than the 2 s pause.
        Assert.All(result.Windows.Skip(2), w => Assert.InRange(w.CooldownSeconds, 8, 10));
        Assert.All(result.Windows, w => Assert.False(w.CooldownCapped));
    }

    [Fact]
    public void A_board_that_does_not_cool_is_measured_after_the_cap_and_the_window_says_so()
    {
        var board = new FakeBoardWindows { ReportsTemperature = true, CoolingPerSecond = 0.001 };
        board.Models["fp32.qslm"] = (4, 100);
        board.Models["int8.qslm"] = (2.5, 120);

        var result = Measure(board, new LabWindowRules { Repeats = 2, CooldownCap = TimeSpan.FromSeconds(20) });

        Assert.All(result.Windows.Skip(2), w => Assert.True(w.CooldownCapped));
        Assert.All(result.Windows.Skip(2), w => Assert.InRange(w.CooldownSeconds, 19, 20));
    }

    [Fact]
    public void Quick_rules_give_short_windows_and_say_quick()
    {
        var board = Board();
        var result = Measure(board, LabWindowRules.QuickPreset);

        Assert.True(result.Quick);
        Assert.Equal(3, result.Baseline.Windows);
        Assert.Equal(1, result.Baseline.WindowSeconds, 1e-9);
        Assert.True(result.ToBoardMeasurement(LabSide.Candidate).Quick);
    }

    [Fact]
    public void Samples_under_two_tags_are_refused()
    {
        var board = new FakeBoardWindows { OtherTagRuns = [2] };
        board.Models["fp32.qslm"] = (4, 100);
        board.Models["int8.qslm"] = (2.5, 120);

        var e = Assert.Throws<InvalidDataException>(() => Measure(board, LabWindowRules.QuickPreset));
        Assert.Contains("simulated:other-board", e.Message);
        Assert.Contains("one provenance", e.Message);
    }

    [Fact]
    public void The_board_measurement_carries_the_lab_figures_onto_the_check_run_s()
    {
        var result = Measure(Board(), new LabWindowRules());
        var check = new BoardMeasurement(0.91, 12.5, 123_456, null, null, null, null);

        var candidate = result.ToBoardMeasurement(LabSide.Candidate, check);
        var baseline = result.ToBoardMeasurement(LabSide.Baseline);

        Assert.Equal(0.91, candidate.BoardValue);
        Assert.Equal(12.5, candidate.LatencyMs);
        Assert.Equal(123_456, candidate.PeakRssBytes);
        Assert.Equal(result.Candidate!.GrossWatts, candidate.PowerWatts);
        Assert.Equal(result.Candidate.GrossWattsCi95, candidate.PowerCi95Watts);
        Assert.Equal(result.Candidate.GrossJoulesPerToken, candidate.EnergyJoulesPerToken);
        Assert.Equal(result.Candidate.GrossJoulesPerTokenCi95, candidate.EnergyCi95JoulesPerToken);
        Assert.Equal(result.Candidate.NetWatts, candidate.NetWatts);
        Assert.Equal(result.Candidate.NetJoulesPerToken, candidate.NetJoulesPerToken);
        Assert.Equal(2.0, candidate.IdleWatts!.Value, 1e-6);
        Assert.Equal(result.Saving, candidate.Saving);
        Assert.Equal(result.SavingCi95, candidate.SavingCi95);
        Assert.Equal(5, candidate.Windows);
        Assert.Equal(10, candidate.WindowSeconds!.Value, 1e-9);
        Assert.Equal(0, candidate.ThrottledWindows);
        Assert.Equal(SourceTag.Simulated("fake-board"), candidate.PowerSource);
        Assert.Null(baseline.Saving);
        Assert.Equal(10, baseline.LatencyMs!.Value, 1e-6);
        Assert.Null(baseline.BoardValue);
    }

    [Fact]
    public async Task The_baseline_alone_is_measured_without_a_candidate()
    {
        var board = Board();
        var result = await new LabMeasurement(board, LabMeter.OnBoard(Sensor), LabWindowRules.QuickPreset).MeasureAsync("fp32.qslm", null, 1, CancellationToken.None);

        Assert.Null(result.Candidate);
        Assert.Null(result.Saving);
        Assert.Equal(3, result.Baseline.Windows);
        Assert.Throws<InvalidOperationException>(() => result.ToBoardMeasurement(LabSide.Candidate));
    }

    [Fact]
    public async Task Short_windows_are_refused_outside_quick_mode()
    {
        var measurement = new LabMeasurement(Board(), LabMeter.OnBoard(Sensor), new LabWindowRules { Window = TimeSpan.FromSeconds(2) });

        var e = await Assert.ThrowsAsync<ArgumentException>(() => measurement.MeasureAsync("fp32.qslm", "int8.qslm", 1, CancellationToken.None));
        Assert.Contains("at least 10 s", e.Message);
    }
}
