using System.Text.Json;
using QSLM.Reports.Document;
using QSLM.Reports.Writers;

namespace QSLM.Reports.Tests.Writers;

public sealed class ReportSetTests
{
    [Fact]
    public void The_json_report_states_its_schema_version_and_verdict()
    {
        using var folder = new TemporaryFolder();
        var report = new RunReport
        {
            Kind = "claim",
            Title = "int8 against fp32 on pi",
            Verdict = "supported",
            Status = CheckStatus.Passed,
            Provenance = new ReportProvenance("1.0.0", "abc", "ana", "host", "qslm claim", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(3), "10 s x 5"),
        };
        ReportSet.Write(report, folder.Path);
        using var json = JsonDocument.Parse(File.ReadAllText(folder.File(ReportSet.JsonFile)));
        Assert.Equal(RunReport.CurrentSchemaVersion, json.RootElement.GetProperty("schema_version").GetInt32());
        Assert.Equal("supported", json.RootElement.GetProperty("verdict").GetString());
        Assert.Equal("passed", json.RootElement.GetProperty("status").GetString());
    }
}
