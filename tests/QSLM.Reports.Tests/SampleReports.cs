using QSLM.Reports.Document;
using QSLM.Reports.Plots;

namespace QSLM.Reports.Tests;

/// <summary>Reports of each kind as the commands fill them, with real plots drawn by <see cref="FigureBuilder"/>.</summary>
internal static class SampleReports
{
    public static ReportProvenance Provenance(string command) =>
        new("1.4.0", "0123abcd", "ana <lab>", "bench-host", command, new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 1, 9, 12, 30, TimeSpan.Zero), "1 s x 3 windows, idle subtracted, throttled windows repeated");

    public static ReportBoard Board(string name) =>
        new(name, $"ssh root@{name}:22", "jetson-orin-nano-sim", $"{name}-host", "NVIDIA Jetson Orin Nano (simulated)", "SIM-0042", "5.15.148-tegra", "JetPack 6.2",
            "qslm-agent 1.4.0 on linux-arm64", "governor performance (read back: performance); cpu max 1510 MHz",
            [new ReportSensor("jetson:VDD_IN", "simulated:jetson-orin-nano", "2026-02-20, power gain 1.01 offset -0.02 over 5 points against Keysight N6705C")]);

    public static ReportModel Model(string label) => new(label, $"models/{label}.qslm", new string('a', 64), 9_423_848, "input=int8 blocks.0=int8 output=int8");

    /// <summary>Idle, then baseline and candidate interleaved, with one throttled window repeated.</summary>
    public static (IReadOnlyList<ReportWindow> Windows, ReportTrace Trace) Windows(string board)
    {
        var windows = new List<ReportWindow> { new(board, 0, "idle", -1, true, 0, 2, 2.0, 0, false, "simulated:jetson-orin-nano") };
        var t = 2.5;
        for (var repeat = 0; repeat < 3; repeat++)
        {
            foreach (var side in repeat % 2 == 0 ? new[] { "baseline", "candidate" } : ["candidate", "baseline"])
            {
                var watts = side == "baseline" ? 6.0 + 0.1 * repeat : 4.6 + 0.08 * repeat;
                windows.Add(new ReportWindow(board, windows.Count, side, repeat, !(repeat == 1 && side == "candidate" && windows.Count == 3), t, t + 2, watts, (watts - 2) * 0.01, false, "simulated:jetson-orin-nano"));
                t += 2.5;
            }
        }
        var seconds = Enumerable.Range(0, (int)(t * 20)).Select(i => i / 20.0).ToList();
        var watts2 = seconds.Select(s => windows.FirstOrDefault(w => s >= w.StartSeconds && s < w.StopSeconds)?.Watts ?? 2.3).Select((w, i) => w + 0.05 * Math.Sin(i)).ToList();
        return (windows, new ReportTrace(board, "jetson:VDD_IN", seconds, watts2, "simulated:jetson-orin-nano"));
    }

    public static RunReport Claim()
    {
        var (windows, trace) = Windows("orin-sim");
        var report = new RunReport
        {
            Kind = "claim",
            Title = "int8 against fp32 on orin-sim: -20% energy per token",
            Verdict = "supported: -24.6% (95% interval -27.1% to -22.0%) beyond the -20% claim",
            Status = CheckStatus.Passed,
            Provenance = Provenance("qslm claim --board orin-sim --candidate int8.qslm --claim -20%"),
            Boards = [Board("orin-sim")],
            Models = [Model("baseline"), Model("candidate")],
            Checks =
            [
                new("orin-sim", "candidate", "agreement", CheckStatus.Passed, 1.0, 1.0, "fraction", "predictions equal the host's on 200 of 200 inputs"),
                new("orin-sim", "candidate", "claim", CheckStatus.Passed, -0.246, -0.2, "relative", "whole 95% interval beyond the claim", "simulated:jetson-orin-nano", 84.2),
            ],
            Claim = new ClaimSection(-0.2, "energy per token above idle", "supported", -0.246, -0.271, -0.22, "Student's t over 3 paired repeats", 3, null,
            [
                new("baseline", "power, gross", 6.1, 0.12, "W", "simulated:jetson-orin-nano"),
                new("candidate", "power, gross", 4.68, 0.1, "W", "simulated:jetson-orin-nano"),
                new("baseline", "energy per token, net", 0.041, 0.001, "J/token", "simulated:jetson-orin-nano"),
                new("candidate", "energy per token, net", 0.0268, 0.0009, "J/token", "simulated:jetson-orin-nano"),
            ]),
            Windows = windows,
            Traces = [trace],
            Notes = ["figures are simulated: the board's sensor is simulated:jetson-orin-nano, not a measurement"],
        };
        return FigureBuilder.WithFigures(report);
    }

    public static RunReport Qualify()
    {
        var (windows, trace) = Windows("pi-ssh");
        var report = new RunReport
        {
            Kind = "qualify",
            Title = "Qualification of int8.qslm on local, qemu-arm64 and pi-ssh",
            Verdict = "1 failed, 1 error, 3 passed, 1 not run",
            Status = CheckStatus.Failed,
            Provenance = Provenance("qslm qualify --board local,qemu-arm64,pi-ssh int8.qslm"),
            Boards = [Board("local"), Board("qemu-arm64"), Board("pi-ssh")],
            Models = [Model("int8")],
            Checks =
            [
                new("local", "int8", "agreement", CheckStatus.Passed, 1.0, 1.0, "fraction", "200 of 200 equal", Seconds: 3.5),
                new("local", "int8", "memory", CheckStatus.Passed, 110, 512, "MB", "peak RSS within the budget", Seconds: 0.2),
                new("qemu-arm64", "int8", "memory", CheckStatus.Failed, 900, 512, "MB", "peak RSS 900 MB over the 512 MB budget", Seconds: 12.25),
                new("qemu-arm64", "int8", "latency-p99", CheckStatus.NotRun, 40.2, null, "ms/token", "no threshold: set latency_p99_ms in the profile"),
                new("pi-ssh", "int8", "agreement", CheckStatus.Error, null, 1.0, "fraction", "ssh: connection refused <after 3 tries> & gave up"),
                new("pi-ssh", "int8", "power", CheckStatus.Passed, 3.2, 5, "W", "below the ceiling", "measured:ina219-1-0x40", 30),
            ],
            Windows = windows,
            Traces = [trace],
        };
        return FigureBuilder.WithFigures(report);
    }

    public static RunReport Regress() => FigureBuilder.WithFigures(new RunReport
    {
        Kind = "regress",
        Title = "Nightly against run 41",
        Verdict = "regression: accuracy fell 3.1 points on qemu-arm64",
        Status = CheckStatus.Failed,
        Provenance = Provenance("qslm regress --against 41"),
        Boards = [Board("qemu-arm64")],
        Checks =
        [
            new("qemu-arm64", "int8", "accuracy", CheckStatus.Failed, 0.775, 0.8, "fraction", "accuracy 77.5% below 80% (baseline 80.6% minus 0.5 points)"),
            new("qemu-arm64", "int8", "memory", CheckStatus.Passed, 110, 115, "MB", "within 5% of the baseline run"),
        ],
    });

    public static RunReport Search()
    {
        SearchPoint P(int id, string tier, long bytes, double accuracy, bool feasible, double? watts = null) =>
            new(id, tier, bytes, 1 - bytes / 37_129_768.0, accuracy, feasible, watts, watts is null ? null : "simulated:jetson-orin-nano");
        List<SearchPoint> candidates =
        [
            P(1, "baseline", 37_129_768, 0.815, true, 9.1), P(2, "global", 9_423_848, 0.806, true, 5.2), P(3, "global", 7_107_560, 0.799, false),
            P(4, "block", 8_900_000, 0.808, true, 5.0), P(5, "block", 8_800_000, 0.807, true), P(6, "block", 8_750_000, 0.806, true), P(7, "module", 8_700_000, 0.805, true, 4.9),
        ];
        var front = candidates.Where(c => c.Candidate is 3 or 7 or 6 or 5 or 4 or 1).OrderBy(c => c.Bytes).ToList();
        var sensitivity = new List<SensitivityPoint>();
        foreach (var unit in new[] { "input", "blocks.0", "blocks.1", "output" })
        {
            foreach (var (precision, loss) in new[] { ("int8", 0.0), ("int4", 0.01), ("int2", 0.04) })
                sensitivity.Add(new SensitivityPoint(unit, precision, 0.79 - loss - (unit == "input" ? 0.02 : 0)));
        }
        var data = new SearchPlotData(candidates, front, candidates[3], false, sensitivity, 0.79);
        return FigureBuilder.WithFigures(new RunReport
        {
            Kind = "search",
            Title = "Search runs/sst2/search.csv",
            Verdict = "chosen #4 (block tier): accuracy 80.80% on the host, 8,900,000 bytes",
            Status = CheckStatus.Passed,
            Provenance = Provenance("qslm report runs/sst2/search.csv"),
            Notes = ["chosen by: manifest.json"],
        }, data);
    }

    public static IEnumerable<RunReport> All() => [Claim(), Qualify(), Regress(), Search()];
}
