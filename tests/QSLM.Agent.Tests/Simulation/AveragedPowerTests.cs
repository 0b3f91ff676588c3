using QSLM.Agent.Simulation;

namespace QSLM.Agent.Tests.Simulation;

/// <summary>A simulated sensor reads the mean power over its conversion period, as an INA3221 does.</summary>
public sealed class AveragedPowerTests
{
    [Fact]
    public void A_reading_is_the_mean_power_over_the_last_period_with_its_start_interpolated_between_ticks()
    {
        var power = new AveragedPower(period: 0.020);
        power.Add(0, 0, fallback: 1);
        power.Add(0.010, 0.010, 1); // 1 W for 10 ms
        power.Add(0.025, 0.045, 1); // 3 W for 15 ms

        // The period 5 ms .. 25 ms: 5 ms at 1 W and 15 ms at 3 W.
        Assert.Equal(((0.005 * 1) + (0.015 * 3)) / 0.020, power.Add(0.025, 0, 1), 9);
    }

    [Fact]
    public void Readings_one_period_apart_add_up_to_the_energy_of_the_time_they_cover_however_bursty_the_power()
    {
        var power = new AveragedPower(period: 0.050);
        var random = new Random(11);
        power.Add(0, 0, 1);
        double seconds = 0, nextReading = 0.050, read = 0;
        while (seconds < 10)
        {
            // Ticks of 1 to 40 ms, each a burst of work or none.
            var tick = 0.001 + (random.NextDouble() * 0.039);
            var watts = random.Next(2) == 0 ? 1 : 9;
            seconds += tick;
            var reading = power.Add(seconds, watts * tick, 1);
            while (nextReading <= seconds)
            {
                // The sensor's value when the reading is taken is that of the last tick.
                read += reading * 0.050;
                nextReading += 0.050;
            }
        }

        // What the readings add up to is the energy spent, give or take a tick's worth at each reading (bursts of
        // 9 W up to 40 ms long against 50 ms periods), and the deviations cancel over many readings.
        Assert.Equal(power.Joules, read, power.Joules * 0.03);
    }

    [Fact]
    public void Before_a_whole_period_has_passed_the_reading_is_the_mean_since_the_start()
    {
        var power = new AveragedPower(period: 1);

        Assert.Equal(2, power.Add(0, 0, fallback: 2));
        Assert.Equal(4, power.Add(0.5, 2, fallback: 2), 12);
    }
}
