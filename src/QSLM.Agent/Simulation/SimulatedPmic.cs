using System.Globalization;
using System.Text;

namespace QSLM.Agent.Simulation;

/// <summary>
/// What <c>vcgencmd pmic_read_adc</c> prints on a Raspberry Pi 5 for a board drawing a given power, in its
/// own line format (<c>VDD_CORE_A current(7)=1.23400000A</c>, <c>VDD_CORE_V volt(15)=0.80000000V</c>): the work above
/// idle on VDD_CORE at 0.8 V, idle on 3V3_SYS at 3.3 V, and EXT5V with its voltage only, as the PMIC reports it.
/// </summary>
internal static class SimulatedPmic
{
    /// <summary>The output for <paramref name="watts"/> drawn by a board idling at <paramref name="idleWatts"/>.</summary>
    public static string Output(double watts, double idleWatts)
    {
        var text = new StringBuilder();
        void Rail(string name, int currentChannel, int voltChannel, double rail, double volts)
        {
            text.Append(CultureInfo.InvariantCulture, $"{name}_A current({currentChannel})={rail / volts:F8}A\n");
            text.Append(CultureInfo.InvariantCulture, $"{name}_V volt({voltChannel})={volts:F8}V\n");
        }
        Rail("VDD_CORE", 7, 15, Math.Max(watts - idleWatts, 0), 0.8);
        Rail("3V3_SYS", 1, 9, Math.Min(watts, idleWatts), 3.3);
        text.Append("EXT5V_V volt(24)=5.10000000V\n");
        return text.ToString();
    }
}
