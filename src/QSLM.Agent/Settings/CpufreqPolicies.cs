using System.Globalization;

namespace QSLM.Agent.Settings;

/// <summary>
/// The cpufreq policies of the board under a root (<c>/</c> on a board, a fake tree in tests):
/// <c>sys/devices/system/cpu/cpufreq/policyN/</c> with <c>scaling_governor</c>, <c>scaling_min_freq</c>,
/// <c>scaling_max_freq</c> (kHz), <c>cpuinfo_max_freq</c> and <c>scaling_available_governors</c>
/// (Linux Documentation/admin-guide/pm/cpufreq.rst, "Policy Interface in sysfs").
/// </summary>
internal sealed class CpufreqPolicies(string root)
{
    public const string Governor = "scaling_governor";
    public const string MinFreq = "scaling_min_freq";
    public const string MaxFreq = "scaling_max_freq";
    public const string HardwareMax = "cpuinfo_max_freq";
    public const string AvailableGovernors = "scaling_available_governors";

    public string Folder { get; } = Path.Combine(root, "sys/devices/system/cpu/cpufreq");

    /// <summary>The policy folders, by policy number.</summary>
    public IReadOnlyList<string> Policies() =>
        !Directory.Exists(Folder) ? [] :
        [.. Directory.GetDirectories(Folder, "policy*").OrderBy(p => int.TryParse(Path.GetFileName(p)["policy".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue)];

    /// <summary>One policy's attribute, trimmed, or null when it is absent, unreadable or empty.</summary>
    public static string? Read(string policy, string attribute)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(policy, attribute)).Trim();
            return text.Length == 0 ? null : text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The attribute on every policy: the value when all agree, <c>policy0=a policy4=b</c> when they do not,
    /// null when there is no policy or one cannot be read.</summary>
    public string? ReadAll(string attribute)
    {
        var values = Policies().Select(p => (Name: Path.GetFileName(p), Value: Read(p, attribute))).ToList();
        if (values.Count == 0 || values.Any(v => v.Value is null)) return null;
        return values.Select(v => v.Value).Distinct(StringComparer.Ordinal).Count() == 1
            ? values[0].Value
            : string.Join(' ', values.Select(v => $"{v.Name}={v.Value}"));
    }

    /// <summary>Writes <paramref name="value"/> to the attribute of every policy; null when every write was accepted,
    /// else why not (the first refusal).</summary>
    public string? WriteAll(string attribute, string value)
    {
        var policies = Policies();
        if (policies.Count == 0) return $"no cpufreq policy under {Folder}";
        foreach (var policy in policies)
        {
            var file = Path.Combine(policy, attribute);
            try
            {
                // sysfs takes one value per write; the kernel refuses one it does not support (EINVAL) and keeps the old.
                File.WriteAllText(file, value + "\n");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return $"writing {file}: {e.Message}";
            }
        }
        return null;
    }

    /// <summary><c>on</c> when every policy's minimum and maximum equal its hardware maximum (what <c>jetson_clocks</c>
    /// leaves), <c>off</c> when one does not, null when there is no policy or one cannot be read.</summary>
    public string? PinnedAtMaximum()
    {
        var policies = Policies();
        if (policies.Count == 0) return null;
        var pinned = true;
        foreach (var policy in policies)
        {
            var (min, max, top) = (Read(policy, MinFreq), Read(policy, MaxFreq), Read(policy, HardwareMax));
            if (min is null || max is null || top is null) return null;
            pinned &= min == top && max == top;
        }
        return Protocol.Messages.BoardSettings.OnOff(pinned);
    }
}
