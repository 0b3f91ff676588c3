using System.Globalization;

namespace QSLM.Harness.Power;

/// <summary>The windows of a lab measurement as CSV, one row per window (discarded ones included), numbers in the
/// invariant culture: the record behind a candidate's figures, for its log.</summary>
public static class LabWindowCsv
{
    /// <summary>The header row.</summary>
    public const string Header =
        "order,side,repeat,attempt,kept,throttled,flagged,max_celsius,cooldown_s,cooldown_capped,start_s,stop_s,seconds,tokens,samples,joules,gross_w,net_w,gross_j_per_token,net_j_per_token,source,quick";

    /// <summary>Writes the header and one row per window of <paramref name="result"/>.</summary>
    public static void Write(TextWriter writer, LabResult result)
    {
        writer.WriteLine(Header);
        foreach (var w in result.Windows) writer.WriteLine(Row(w, result.Quick));
    }

    /// <summary>Appends the windows of <paramref name="result"/> to the search's log at <paramref name="path"/>, each row led by
    /// <paramref name="candidate"/>'s number (the header, with a <c>candidate</c> column first, when the file is new).</summary>
    public static void Append(string path, int candidate, LabResult result)
    {
        // Boards measuring one search in parallel append to its one log.
        lock (AppendLock) AppendRows(path, candidate, result);
    }

    private static readonly Lock AppendLock = new();

    private static void AppendRows(string path, int candidate, LabResult result)
    {
        var fresh = !File.Exists(path);
        using var writer = new StreamWriter(path, append: true);
        if (fresh) writer.WriteLine("candidate," + Header);
        var prefix = Number(candidate) + ",";
        foreach (var w in result.Windows) writer.WriteLine(prefix + Row(w, result.Quick));
    }

    /// <summary>One window's row.</summary>
    public static string Row(LabWindow w, bool quick)
    {
        var side = w.Side switch
        {
            null => "idle",
            LabSide.Baseline => "baseline",
            _ => "candidate",
        };
        return string.Join(',',
            Number(w.Order), side, Number(w.Repeat), Number(w.Attempt), Flag(w.Kept), Flag(w.Throttled), Flag(w.Flagged),
            w.MaxCelsius is { } c ? Number(c) : "", Number(w.CooldownSeconds), Flag(w.CooldownCapped),
            Number(w.StartSeconds), Number(w.StopSeconds), Number(w.Seconds), Number(w.Tokens), Number(w.Samples),
            Number(w.Joules), Number(w.GrossWatts), Number(w.NetWatts),
            w.Tokens > 0 ? Number(w.GrossJoulesPerToken) : "", w.Tokens > 0 ? Number(w.NetJoulesPerToken) : "",
            w.Source.ToString(), Flag(quick));
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Flag(bool value) => value ? "true" : "false";
}
