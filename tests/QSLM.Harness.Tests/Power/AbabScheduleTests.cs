using QSLM.Harness.Power;

namespace QSLM.Harness.Tests.Power;

public class AbabScheduleTests
{
    [Fact]
    public void Every_repeat_is_one_baseline_and_one_candidate_window_next_to_each_other()
    {
        var schedule = AbabSchedule.Create(20, seed: 7);

        Assert.Equal(40, schedule.Count);
        for (var r = 0; r < 20; r++)
        {
            Assert.Equal([r, r], new[] { schedule[2 * r].Repeat, schedule[(2 * r) + 1].Repeat });
            Assert.NotEqual(schedule[2 * r].Side, schedule[(2 * r) + 1].Side);
        }
        Assert.Equal(20, schedule.Count(w => w.Side == LabSide.Baseline));
    }

    [Fact]
    public void The_order_within_pairs_varies_and_is_the_same_for_the_same_seed()
    {
        var orders = AbabSchedule.Create(20, seed: 7).Chunk(2).Select(p => p[0].Side).ToList();

        Assert.Contains(LabSide.Baseline, orders);
        Assert.Contains(LabSide.Candidate, orders);
        Assert.Equal(AbabSchedule.Create(20, seed: 7), AbabSchedule.Create(20, seed: 7));
        Assert.NotEqual(AbabSchedule.Create(20, seed: 7), AbabSchedule.Create(20, seed: 8));
    }

    [Fact]
    public void Without_a_candidate_the_baseline_alone_is_measured()
    {
        var schedule = AbabSchedule.Create(3, seed: 1, withCandidate: false);

        Assert.Equal([new(0, LabSide.Baseline), new(1, LabSide.Baseline), new(2, LabSide.Baseline)], schedule);
        Assert.Throws<ArgumentOutOfRangeException>(() => AbabSchedule.Create(0, seed: 1));
    }
}
