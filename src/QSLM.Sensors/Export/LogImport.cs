namespace QSLM.Sensors.Export;

/// <summary>Log formats a bench may already have.</summary>
public enum LogFormat
{
    /// <summary>tegrastats output (JetPack 4, 5/6, 7), one line per interval.</summary>
    Tegrastats,

    /// <summary>Repeated <c>vcgencmd pmic_read_adc</c> outputs, one block per interval.</summary>
    Pmic,

    /// <summary><c>nvidia-smi --query-gpu=power.draw,power.draw.instant --format=csv,noheader,nounits -lms N</c>.</summary>
    NvidiaSmi,

    /// <summary>An INA219 logger's CSV: <c>time_s,bus_v,current_a</c> with a header line.</summary>
    Ina219Csv,
}

/// <summary>
/// Turns an existing log into readings for the sample CSV. Logs without timestamps (tegrastats, PMIC
/// blocks, nvidia-smi) are timed by their sampling interval, which the user states; a skipped line
/// still counts as a tick so that later samples keep their time. A line is read whole or skipped and
/// counted; each format's importer says what whole means. The log is read one line at a time and each
/// sample handed on as it is read, so a log of any size is imported in bounded memory.
/// </summary>
public static class LogImport
{
    /// <summary>Imports <paramref name="lines"/> of <paramref name="format"/>; <paramref name="interval"/> times untimed logs.</summary>
    public static ImportResult Import(LogFormat format, IReadOnlyList<string> lines, TimeSpan interval, string? totalRail = null)
    {
        var collector = new ImportResult.Collector();
        Run(format, LogLines.Of(lines), "the log", interval, totalRail, collector);
        return collector.Result();
    }

    /// <summary>
    /// Imports the log <paramref name="log"/> (named <paramref name="origin"/> in errors) as it is read, writing
    /// each sample to the sample CSV <paramref name="csv"/>; returns the counts and the first skipped lines.
    /// </summary>
    /// <exception cref="QSLM.Errors.InputException">The file as a whole cannot be read as <paramref name="format"/>.</exception>
    public static ImportSummary Import(LogFormat format, TextReader log, string origin, TextWriter csv, TimeSpan interval, string? totalRail = null)
    {
        var sink = new CsvImportSink(csv);
        Run(format, LogLines.Read(log, origin), origin, interval, totalRail, sink);
        sink.Finish();
        return sink.Summary;
    }

    /// <summary>Imports <paramref name="lines"/>, handing each sample and each skipped line to <paramref name="sink"/> in log order.</summary>
    public static void Run(LogFormat format, IEnumerable<LogLine> lines, string origin, TimeSpan interval, string? totalRail, IImportSink sink)
    {
        var clock = new UntimedClock(interval, origin);
        switch (format)
        {
            case LogFormat.Tegrastats:
                TegrastatsImport.Run(lines, clock, totalRail, sink);
                break;
            case LogFormat.Pmic:
                new PmicImport(clock, sink).Run(lines);
                break;
            case LogFormat.NvidiaSmi:
                NvidiaSmiImport.Run(lines, clock, sink);
                break;
            default:
                Ina219CsvImport.Run(lines, origin, sink);
                break;
        }
    }
}
