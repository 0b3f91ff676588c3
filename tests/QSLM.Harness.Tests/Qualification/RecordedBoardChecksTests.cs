using QSLM.Boards.Profiles;
using QSLM.Harness.Qualification;
using QSLM.Harness.Verification;
using QSLM.History.Records;
using QSLM.Protocol;
using QSLM.Protocol.Messages;
using QSLM.Reports.Document;

namespace QSLM.Harness.Tests.Qualification;

/// <summary>A model's checks decided from answers its board's agent already gave (a farm job's), with the direct
/// mode's verdicts.</summary>
public sealed class RecordedBoardChecksTests
{
    private const string NoPower = "power is not measured here";

    private sealed class Heard : IQualifySink
    {
        public List<CheckResult> Checks { get; } = [];

        public List<MeasurementRecord> Measurements { get; } = [];

        public void Board(ReportBoard board)
        {
        }

        public void Measurement(MeasurementRecord measurement) => Measurements.Add(measurement);

        public void Window(ReportWindow window)
        {
        }

        public void Check(CheckResult check) => Checks.Add(check);

        public void Incident(string board, string what) => throw new InvalidOperationException($"no incident is expected here: {board}: {what}");

        public void Progress(string line)
        {
        }

        public CheckStatus Status(string check) => Checks.Single(c => c.Check == check).Status;
    }

    private static readonly QualifyModel Model = new("sst2-int8.qslm", "/models/sst2-int8.qslm", new string('a', 64), 1000, IsSst2: true, "tiny");

    private static readonly HostAnswer Host = new(0.75, [0, 1, 1, 0]);

    private static readonly HelloReply Hello = new(ProtocolLimits.Version, "1.0", "linux-x64", "x86-64", 2, 8_000_000_000, 4_000_000_000, [], [], 1 << 20, 1 << 30);

    private static EvaluationResult Scored(params int[] predictions) => new(Model.Sha256, EvaluationTask.Sst2, 0.75, predictions.Length, predictions, 0.1, 50_000_000);

    private static readonly RunResult Timed = new(Model.Sha256, 8, 2, [0.008, 0.009, 0.010], 100, 10, 0.1, [0.2], 60_000_000, null, null, "scalar", 1);

    private static Heard Decide(RecordedBoardChecks.Answers answers, QualifyTargets? targets = null)
    {
        var heard = new Heard();
        new RecordedBoardChecks("qslm-ssh-01", targets ?? new QualifyTargets(Agreement: 0), heard, NoPower).Decide(Model, Host, answers);
        return heard;
    }

    [Fact]
    public void Full_answers_decide_every_check_as_the_direct_mode_does()
    {
        var heard = Decide(new(Hello, Scored(0, 1, 1, 0), Timed));

        Assert.Equal(QualifyChecks.All, heard.Checks.Select(c => c.Check));
        Assert.All(heard.Checks, c => Assert.Equal(("qslm-ssh-01", Model.Label), (c.Board, c.Model)));
        Assert.Equal(CheckStatus.NotRun, heard.Status(QualifyChecks.Settings));
        Assert.Equal(CheckStatus.Passed, heard.Status(QualifyChecks.Agreement));
        // The peak over the scoring and the run, against MemAvailable at the agent's hello.
        var memory = heard.Checks.Single(c => c.Check == QualifyChecks.Memory);
        Assert.Equal((CheckStatus.Passed, 60_000_000d, 4_000_000_000d), (memory.Status, memory.Measured, memory.Threshold));
        Assert.Equal(CheckStatus.NotRun, heard.Status(QualifyChecks.LatencyP50));
        Assert.Contains("no power ceiling set", heard.Checks.Single(c => c.Check == QualifyChecks.Power).Detail);
        Assert.Contains(heard.Measurements, m => m.Quantity == Quantities.LatencyP99 && m.Value == 10.0 / 8);
        Assert.Contains(heard.Measurements, m => m is { Board: "host", Quantity: Quantities.HostMetric });
    }

    [Fact]
    public void A_prediction_that_differs_fails_agreement_and_a_latency_target_is_held()
    {
        var heard = Decide(new(Hello, Scored(0, 1, 0, 0), Timed), new QualifyTargets(Agreement: 0, LatencyP50Ms: 1.0));

        Assert.Equal(CheckStatus.Failed, heard.Status(QualifyChecks.Agreement));
        Assert.Equal(CheckStatus.Failed, heard.Status(QualifyChecks.LatencyP50));
    }

    [Fact]
    public void A_power_ceiling_is_not_held_where_power_is_not_measured_and_says_why()
    {
        var heard = Decide(new(Hello, Scored(0, 1, 1, 0), Timed), new QualifyTargets(Agreement: 0, MaxWatts: 5, MaxJoulesPerToken: 0.1));

        var power = heard.Checks.Single(c => c.Check == QualifyChecks.Power);
        Assert.Equal((CheckStatus.NotRun, 5d, NoPower), (power.Status, power.Threshold, power.Detail));
        Assert.Equal(CheckStatus.NotRun, heard.Status(QualifyChecks.Energy));
    }

    [Fact]
    public void A_model_the_agent_could_not_load_fails_agreement_and_leaves_the_rest_unreached()
    {
        var heard = Decide(new(Hello, new ErrorReply(ErrorCodes.ModelInvalid, "bad magic"), new ErrorReply(ErrorCodes.ModelInvalid, "bad magic")));

        Assert.Equal(CheckStatus.NotRun, heard.Status(QualifyChecks.Settings));
        Assert.Equal(CheckStatus.Failed, heard.Status(QualifyChecks.Agreement));
        Assert.Contains("model-invalid: bad magic", heard.Checks.Single(c => c.Check == QualifyChecks.Agreement).Detail);
        Assert.All(heard.Checks.Skip(2), c => Assert.Equal(CheckStatus.NotRun, c.Status));
        Assert.All(heard.Checks.Skip(2), c => Assert.StartsWith("not reached", c.Detail));
    }

    [Fact]
    public void A_run_out_of_memory_fails_the_memory_check()
    {
        var heard = Decide(new(Hello, Scored(0, 1, 1, 0), new ErrorReply(ErrorCodes.OutOfMemory, "no room")));

        Assert.Equal(CheckStatus.Passed, heard.Status(QualifyChecks.Agreement));
        Assert.Equal(CheckStatus.Failed, heard.Status(QualifyChecks.Memory));
        Assert.Equal(CheckStatus.NotRun, heard.Status(QualifyChecks.LatencyP50));
    }

    [Fact]
    public void A_session_that_ended_early_or_an_agent_fault_leaves_errors_never_failures()
    {
        var noHello = Decide(new(null, null, null));
        var cut = Decide(new(Hello, Scored(0, 1, 1, 0), null));
        var fault = Decide(new(Hello, new ErrorReply(ErrorCodes.AgentFailure, "disk full"), null));

        Assert.All(noHello.Checks, c => Assert.Equal(CheckStatus.Error, c.Status));
        Assert.Equal(7, noHello.Checks.Count);
        Assert.Equal(CheckStatus.Passed, cut.Status(QualifyChecks.Agreement));
        Assert.All(cut.Checks.Skip(2), c => Assert.Equal(CheckStatus.Error, c.Status));
        Assert.All(fault.Checks.Skip(1), c => Assert.Equal(CheckStatus.Error, c.Status));
        Assert.Contains("agent-failure: disk full", fault.Checks[1].Detail);
    }
}
