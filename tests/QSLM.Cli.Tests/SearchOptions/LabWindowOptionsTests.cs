using QSLM.Cli.SearchOptions;
using QSLM.Errors;

namespace QSLM.Cli.Tests.SearchOptions;

public sealed class LabWindowOptionsTests
{
    [Fact]
    public void Without_options_the_windows_are_a_labs_ten_seconds_five_times()
    {
        var rules = LabWindowOptions.Parse(quick: false, windowSeconds: null, windows: null);

        Assert.Equal((false, TimeSpan.FromSeconds(10), 5), (rules.Quick, rules.Window, rules.Repeats));
    }

    [Fact]
    public void Quick_windows_are_short_and_marked_quick_and_take_a_given_length_and_count()
    {
        var preset = LabWindowOptions.Parse(quick: true, windowSeconds: null, windows: null);
        var given = LabWindowOptions.Parse(quick: true, windowSeconds: 0.5, windows: 2);

        Assert.Equal((true, TimeSpan.FromSeconds(1), 3), (preset.Quick, preset.Window, preset.Repeats));
        Assert.Equal((true, TimeSpan.FromSeconds(0.5), 2), (given.Quick, given.Window, given.Repeats));
    }

    [Fact]
    public void A_window_shorter_than_a_lab_accepts_is_bad_input_outside_quick_mode()
    {
        var e = Assert.Throws<InputException>(() => LabWindowOptions.Parse(quick: false, windowSeconds: 2, windows: null));

        Assert.Contains("at least 10 s", e.Message, StringComparison.Ordinal);
        Assert.Contains("--window-seconds", e.Message, StringComparison.Ordinal);
    }
}
