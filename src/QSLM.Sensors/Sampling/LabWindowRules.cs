using System.Globalization;

namespace QSLM.Sensors.Sampling;

/// <summary>
/// The windows a lab accepts for a power or energy figure, with MLPerf Tiny's energy rules as defaults
/// (MLPerf Tiny Inference Rules, energy: each measurement at least 10 s, 5 runs, the median reported):
/// windows of <see cref="Window"/>, <see cref="Repeats"/> of them, each after a discarded warm-up, an idle
/// window in the same run for the baseline, a cool-down between windows, and a throttled window repeated
/// once. <see cref="Quick"/> gives short, few windows for tests and demonstrations; every figure measured
/// under it says so. One rule set serves <c>qslm power measure</c> and a board's lab measurement.
/// </summary>
public sealed record LabWindowRules
{
    private readonly TimeSpan? _idleWindow;

    /// <summary>The shortest window allowed outside quick mode (MLPerf Tiny: at least 10 s per measurement).</summary>
    public static readonly TimeSpan MinimumWindow = TimeSpan.FromSeconds(10);

    /// <summary>Short windows for tests and demonstrations: 1 s windows, 3 repeats, half a second of warm-up and of
    /// cool-down; figures measured so are marked quick.</summary>
    public static LabWindowRules QuickPreset { get; } = new()
    {
        Quick = true,
        Window = TimeSpan.FromSeconds(1),
        Repeats = 3,
        Warmup = TimeSpan.FromSeconds(0.5),
        CooldownPause = TimeSpan.FromSeconds(0.5),
        CooldownCap = TimeSpan.FromSeconds(5),
    };

    /// <summary>Whether these are the quick rules (shorter or fewer windows than a lab accepts).</summary>
    public bool Quick { get; init; }

    /// <summary>Length of each measured window.</summary>
    public TimeSpan Window { get; init; } = MinimumWindow;

    /// <summary>Measured windows per candidate; the median is reported.</summary>
    public int Repeats { get; init; } = 5;

    /// <summary>Work done before each window opens and discarded: caches, clocks and the power governor settle
    /// before the figure is taken.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Length of the idle window measured in the same run; <see cref="Window"/> unless set.</summary>
    public TimeSpan IdleWindow
    {
        get => _idleWindow ?? Window;
        init => _idleWindow = value;
    }

    /// <summary>Subtract the idle power from every window of <c>qslm power measure</c>'s table (its summary gives both).</summary>
    public bool SubtractIdle { get; init; }

    /// <summary>The fixed pause between two windows, the board idle.</summary>
    public TimeSpan CooldownPause { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Where the board reports its temperature: after the pause, wait until it is within this many degrees
    /// of the idle window's temperature, so a window does not start on a board still hot from the last.</summary>
    public double CooldownMarginCelsius { get; init; } = 2;

    /// <summary>The longest a cool-down lasts, pause included; a board that does not cool by then is measured anyway
    /// (and the window records the cap).</summary>
    public TimeSpan CooldownCap { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the temperature is read while cooling down.</summary>
    public TimeSpan CooldownPoll { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Repeat a window during which the board throttled, once; a window throttled again is kept and flagged.</summary>
    public bool RepeatThrottled { get; init; } = true;

    /// <summary>Throws on settings that would make the figures indefensible.</summary>
    public void Validate()
    {
        if (!Quick && (Window < MinimumWindow || IdleWindow < MinimumWindow))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"measurement windows must last at least {MinimumWindow.TotalSeconds:F0} s (MLPerf Tiny); got {Window.TotalSeconds:F1} s and an idle window of {IdleWindow.TotalSeconds:F1} s (quick mode allows shorter ones for tests and demonstrations)"));
        if (Window <= TimeSpan.Zero || IdleWindow <= TimeSpan.Zero) throw new ArgumentException("measurement windows must have a length");
        if (Repeats < 1) throw new ArgumentException("at least one repeat is needed");
        if (Warmup < TimeSpan.Zero || CooldownPause < TimeSpan.Zero) throw new ArgumentException("warm-up and cool-down cannot be negative");
        if (CooldownCap < CooldownPause) throw new ArgumentException("the cool-down cap cannot be shorter than the cool-down pause");
        if (CooldownPoll <= TimeSpan.Zero) throw new ArgumentException("the cool-down needs a positive polling interval");
        if (!(CooldownMarginCelsius >= 0) || double.IsInfinity(CooldownMarginCelsius)) throw new ArgumentException("the cool-down margin must be a finite number of degrees, zero or more");
    }
}
