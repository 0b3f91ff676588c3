using System.Globalization;
using System.Text.Json.Serialization;

namespace QSLM.Protocol.Messages;

/// <summary>
/// The settings a board is pinned to before it is measured, each typed so that no text from a profile or a host
/// ever reaches a shell: the agent applies each through a fixed operation of its own (docs/boards.md, "Board
/// settings"). A null member is left as the board has it.
/// </summary>
/// <param name="NvpModel">Jetson power mode, as <c>nvpmodel -m</c> takes it (NVIDIA Jetson Linux Developer Guide, "Power Management").</param>
/// <param name="JetsonClocks">Jetson clocks pinned at their maximum (<c>jetson_clocks</c>) or restored (<c>jetson_clocks --restore</c>).</param>
/// <param name="Governor">cpufreq governor of every policy (Linux Documentation/admin-guide/pm/cpufreq.rst), one of <see cref="KnownGovernors"/>.</param>
/// <param name="MinFreqKhz">Every policy's <c>scaling_min_freq</c>, in kHz.</param>
/// <param name="MaxFreqKhz">Every policy's <c>scaling_max_freq</c>, in kHz.</param>
public sealed record BoardSettings(int? NvpModel = null, bool? JetsonClocks = null, string? Governor = null, long? MinFreqKhz = null, long? MaxFreqKhz = null)
{
    /// <summary>Name of <see cref="NvpModel"/> (in profiles and reports).</summary>
    public const string NvpModelName = "nvpmodel";

    /// <summary>Name of <see cref="JetsonClocks"/>.</summary>
    public const string JetsonClocksName = "jetson_clocks";

    /// <summary>Name of <see cref="Governor"/>.</summary>
    public const string GovernorName = "governor";

    /// <summary>Name of <see cref="MinFreqKhz"/>.</summary>
    public const string MinFreqName = "min_freq_khz";

    /// <summary>Name of <see cref="MaxFreqKhz"/>.</summary>
    public const string MaxFreqName = "max_freq_khz";

    /// <summary>The governors of the mainline kernel (Linux Documentation/admin-guide/pm/cpufreq.rst, "Generic Scaling
    /// Governors") and <c>interactive</c>, which NVIDIA's L4T kernels carry.</summary>
    public static IReadOnlyList<string> KnownGovernors { get; } = ["performance", "powersave", "userspace", "ondemand", "conservative", "schedutil", "interactive"];

    /// <summary>Nothing to pin.</summary>
    public static BoardSettings None { get; } = new();

    /// <summary>Whether no setting is given.</summary>
    [JsonIgnore]
    public bool IsEmpty => Requested().Count == 0;

    /// <summary>Each given setting by name with its value as the agent reports it back (invariant text: <c>0</c>,
    /// <c>on</c>, <c>performance</c>, <c>1479000</c>), in the order the agent applies them: a power mode resets the
    /// clocks, and <c>jetson_clocks</c> the frequency limits, so each later setting overrides what an earlier one did.</summary>
    public IReadOnlyList<RequestedSetting> Requested()
    {
        var list = new List<RequestedSetting>(5);
        if (NvpModel is { } mode) list.Add(new(NvpModelName, Number(mode)));
        if (JetsonClocks is { } on) list.Add(new(JetsonClocksName, OnOff(on)));
        if (Governor is { } governor) list.Add(new(GovernorName, governor));
        if (MinFreqKhz is { } min) list.Add(new(MinFreqName, Number(min)));
        if (MaxFreqKhz is { } max) list.Add(new(MaxFreqName, Number(max)));
        return list;
    }

    /// <summary>Why these settings cannot be asked for, or null when they can: an unknown governor, a negative mode,
    /// a frequency that is not positive or a minimum above the maximum.</summary>
    public string? Problem()
    {
        if (NvpModel is < 0) return FormattableString.Invariant($"{NvpModelName} must be a whole number from 0, not {NvpModel}");
        if (Governor is { } g && !KnownGovernors.Contains(g, StringComparer.Ordinal))
            return $"{GovernorName} must be one of {string.Join(", ", KnownGovernors)}, not '{g}'";
        if (MinFreqKhz is <= 0) return FormattableString.Invariant($"{MinFreqName} must be a positive whole number of kHz, not {MinFreqKhz}");
        if (MaxFreqKhz is <= 0) return FormattableString.Invariant($"{MaxFreqName} must be a positive whole number of kHz, not {MaxFreqKhz}");
        if (MinFreqKhz > MaxFreqKhz) return FormattableString.Invariant($"{MinFreqName} ({MinFreqKhz}) is above {MaxFreqName} ({MaxFreqKhz})");
        return null;
    }

    /// <summary><c>on</c> or <c>off</c>.</summary>
    public static string OnOff(bool on) => on ? "on" : "off";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One setting asked for.</summary>
/// <param name="Name">Its name (<see cref="BoardSettings.GovernorName"/>, …).</param>
/// <param name="Value">The value as the agent reports it back.</param>
public sealed record RequestedSetting(string Name, string Value);
