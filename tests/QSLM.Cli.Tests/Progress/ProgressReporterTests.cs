using Microsoft.Extensions.Time.Testing;
using QSLM.Cli.Progress;

namespace QSLM.Cli.Tests.Progress;

public sealed class ProgressReporterTests
{
    [Fact]
    public void In_a_log_a_line_comes_with_each_tenth_done_stating_the_fraction_and_the_time_left()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var log = new StringWriter();
        var progress = new ProgressReporter(log, terminal: false, clock, "evaluating perplexity", "tokens");

        for (var done = 1_000; done <= 100_000; done += 1_000)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            progress.Report(done, 100_000);
        }

        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(11, lines.Length);
        Assert.Equal("qslm: evaluating perplexity: 1% (1,000/100,000 tokens), 1s so far, about 1m39s left", lines[0]);
        Assert.Equal("qslm: evaluating perplexity: 10% (10,000/100,000 tokens), 10s so far, about 1m30s left", lines[1]);
        Assert.Equal("qslm: evaluating perplexity: 50% (50,000/100,000 tokens), 50s so far, about 50s left", lines[5]);
        Assert.Equal("qslm: evaluating perplexity: 100% (100,000/100,000 tokens), 1m40s so far", lines[10]);
    }

    [Fact]
    public void In_a_log_slow_work_gets_a_line_every_interval_between_tenths()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var log = new StringWriter();
        var progress = new ProgressReporter(log, terminal: false, clock, "evaluating SST-2", "sentences") { LogInterval = TimeSpan.FromSeconds(30) };

        progress.Report(1, 1000);
        clock.Advance(TimeSpan.FromSeconds(20));
        progress.Report(2, 1000);
        clock.Advance(TimeSpan.FromSeconds(20));
        progress.Report(3, 1000);

        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["qslm: evaluating SST-2: 0% (1/1,000 sentences), 0s so far", "qslm: evaluating SST-2: 0% (3/1,000 sentences), 40s so far, about 3h41m left"], lines);
    }

    [Fact]
    public void On_a_terminal_one_line_is_rewritten_and_ended_when_done()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var terminal = new StringWriter();
        var progress = new ProgressReporter(terminal, terminal: true, clock, "evaluating", "tokens");

        progress.Report(1, 4);
        clock.Advance(TimeSpan.FromSeconds(3));
        progress.Report(4, 4);

        var text = terminal.ToString();
        Assert.StartsWith("\revaluating: 25% (1/4 tokens), 0s so far", text);
        Assert.Contains("\revaluating: 100% (4/4 tokens), 3s so far", text);
        Assert.EndsWith("\n", text);
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData(45, "45s")]
    [InlineData(185, "3m05s")]
    [InlineData(7800, "2h10m")]
    public void Durations_are_short(int seconds, string expected)
    {
        Assert.Equal(expected, ProgressReporter.Duration(TimeSpan.FromSeconds(seconds)));
    }
}
