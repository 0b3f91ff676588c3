namespace QSLM.Cli.Tests.Reports;

/// <summary>Small hand-written search CSVs: an accuracy run whose candidate 5 was later measured on
/// a board and candidate 6 failed there, with one sensitivity measurement that scores best of all.</summary>
internal static class RunCsv
{
    public const string Header = "candidate,tier,precisions,bytes,memory_reduction,metric,host_value,board_value,latency_ms_per_token,peak_rss_bytes,power_w,power_ci95_w,energy_j_per_token,power_source,objective,feasible,status";

    public const string Accuracy = Header + """

        1,baseline,input=fp32 blocks.0=fp32 output=fp32,4000000,0,accuracy,0.80,,,,,,,,0,True,host-only
        2,global,input=int8 blocks.0=int8 output=int8,1000000,0.75,accuracy,0.799,,,,,,,,0.374,True,host-only
        3,global,input=int4 blocks.0=int4 output=int4,500000,0.875,accuracy,0.78,,,,,,,,0.41,False,host-only
        4,sensitivity,input=int4 blocks.0=fp32 output=fp32,3500000,0.125,accuracy,0.95,,,,,,,,0.9,True,"host-only, sensitivity slice"
        5,block,input=sign1 blocks.0=int8 output=int8,800000,0.8,accuracy,0.7985,,,,,,,,0.398,True,host-only
        6,block,input=sign1 blocks.0=int6 output=int8,700000,0.825,accuracy,0.790,,,,,,,,0.4,True,host-only
        7,block,input=sign1 blocks.0=int6 output=int6,750000,0.8125,accuracy,0.785,,,,,,,,0.39,False,host-only
        5,block,input=sign1 blocks.0=int8 output=int8,800000,0.8,accuracy,0.7985,0.798,12.5,50000000,3.2,0.1,0.04,estimated:horowitz-45nm,0.402,True,measured
        6,block,input=sign1 blocks.0=int6 output=int8,700000,0.825,accuracy,0.790,,,,,,,,0.4,False,failed:infrastructure: ssh timeout

        """;

    /// <summary>The sensitivity slice's fp32 row, which the sensitivity figure measures the other sensitivity rows against.</summary>
    public const string SensitivityBaseline = "8,sensitivity,input=fp32 blocks.0=fp32 output=fp32,4000000,0,accuracy,0.93,,,,,,,,0,True,\"host-only, sensitivity slice\"";

    public static string Write(string folder, string text, string name = "search.csv")
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text.Replace("\r\n", "\n", StringComparison.Ordinal));
        return path;
    }
}
