using System.Globalization;
using QSLM.Protocol;
using QSLM.Protocol.Messages;

namespace QSLM.Agent.Settings;

/// <summary>
/// Pins the board to typed <see cref="BoardSettings"/>, each through a fixed operation of the agent's own, and reads
/// each back through the same root as the sensors: the cpufreq governor and frequency limits by writing the policies'
/// sysfs files (<see cref="CpufreqPolicies"/>), the Jetson power mode by <c>nvpmodel -m N</c> read back from
/// <see cref="NvpmodelStatus"/>, the Jetson clocks by <c>jetson_clocks</c> or <c>jetson_clocks --restore</c> read back
/// from the policies (minimum and maximum at the hardware maximum on every one). A setting the board will not take
/// (no permission, no program) is reported with the reason; its read-back still decides.
/// </summary>
/// <param name="root">Where sysfs and <c>/var/lib/nvpmodel</c> are (<c>/</c> on a board; a fake tree in tests).</param>
/// <param name="programDirectories">Where <c>nvpmodel</c> and <c>jetson_clocks</c> are looked for (the agent's program path).</param>
internal sealed class BoardSettingsApplier(string root, IReadOnlyList<string> programDirectories)
{
    private readonly CpufreqPolicies _cpufreq = new(root);

    /// <summary>Applies every given setting in <see cref="BoardSettings.Requested"/>'s order and reports each.</summary>
    public SettingsReport Apply(BoardSettings settings)
    {
        if (settings.Problem() is { } problem) throw new ProtocolException(ErrorCodes.BadRequest, problem);
        var outcomes = new List<SettingOutcome>();
        foreach (var (name, value) in settings.Requested())
        {
            var refusal = name switch
            {
                BoardSettings.NvpModelName => RunProgram("nvpmodel", "-m", value),
                BoardSettings.JetsonClocksName => settings.JetsonClocks == true ? RunProgram("jetson_clocks") : RunProgram("jetson_clocks", "--restore"),
                BoardSettings.GovernorName => SetGovernor(value),
                BoardSettings.MinFreqName => SetMinimum(value, settings.MaxFreqKhz),
                BoardSettings.MaxFreqName => _cpufreq.WriteAll(CpufreqPolicies.MaxFreq, value),
                _ => throw new InvalidOperationException($"no operation for setting '{name}'"),
            };
            outcomes.Add(new SettingOutcome(name, value, refusal is null, ReadBack(name), refusal));
        }
        return new SettingsReport(outcomes);
    }

    /// <summary>What the board shows for <paramref name="name"/> now, as <see cref="BoardSettings.Requested"/> writes values.</summary>
    public string? ReadBack(string name) => name switch
    {
        BoardSettings.NvpModelName => NvpmodelStatus.Read(root),
        BoardSettings.JetsonClocksName => _cpufreq.PinnedAtMaximum(),
        BoardSettings.GovernorName => _cpufreq.ReadAll(CpufreqPolicies.Governor),
        BoardSettings.MinFreqName => _cpufreq.ReadAll(CpufreqPolicies.MinFreq),
        BoardSettings.MaxFreqName => _cpufreq.ReadAll(CpufreqPolicies.MaxFreq),
        _ => null,
    };

    private string? RunProgram(string program, params string[] arguments) =>
        FixedProgram.Find(program, programDirectories) is { } file
            ? FixedProgram.Run(file, arguments)
            : $"{program} is not on the agent's program path ({string.Join(':', programDirectories)})";

    private string? SetGovernor(string governor)
    {
        // The kernel refuses a governor it was not built with; say which it offers rather than only that it refused.
        foreach (var policy in _cpufreq.Policies())
        {
            if (CpufreqPolicies.Read(policy, CpufreqPolicies.AvailableGovernors) is { } offered && !offered.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(governor, StringComparer.Ordinal))
                return $"{Path.GetFileName(policy)} offers only the governors {offered}";
        }
        return _cpufreq.WriteAll(CpufreqPolicies.Governor, governor);
    }

    private string? SetMinimum(string kilohertz, long? maximum)
    {
        // The kernel keeps min <= max: a minimum raised above the present maximum needs the requested maximum first.
        if (maximum is { } wanted
            && long.TryParse(_cpufreq.ReadAll(CpufreqPolicies.MaxFreq), NumberStyles.None, CultureInfo.InvariantCulture, out var present)
            && long.Parse(kilohertz, NumberStyles.None, CultureInfo.InvariantCulture) > present
            && _cpufreq.WriteAll(CpufreqPolicies.MaxFreq, wanted.ToString(CultureInfo.InvariantCulture)) is { } refused)
            return refused;
        return _cpufreq.WriteAll(CpufreqPolicies.MinFreq, kilohertz);
    }
}
