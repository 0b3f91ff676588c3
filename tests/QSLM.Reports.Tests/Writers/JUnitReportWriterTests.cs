using System.Xml.Linq;
using QSLM.Reports.Writers;

namespace QSLM.Reports.Tests.Writers;

public sealed class JUnitReportWriterTests
{
    [Fact]
    public void The_junit_xml_validates_against_the_format_s_schema_and_counts_each_outcome()
    {
        using var folder = new TemporaryFolder();
        ReportSet.Write(SampleReports.Qualify(), folder.Path);
        var xml = JUnitSchema.Load(folder.File(ReportSet.JUnitFile));

        var root = xml.Root!;
        Assert.Equal("testsuites", root.Name.LocalName);
        Assert.Equal(("6", "1", "1", "1"), Counts(root));
        var suites = root.Elements("testsuite").ToList();
        Assert.Equal(["local", "qemu-arm64", "pi-ssh"], suites.Select(s => (string)s.Attribute("name")!));
        Assert.Equal(("2", "0", "0", "0"), Counts(suites[0]));
        Assert.Equal(("2", "1", "0", "1"), Counts(suites[1]));
        Assert.Equal(("2", "0", "1", "0"), Counts(suites[2]));
        Assert.Equal("12.25", (string)suites[1].Attribute("time")!);
        // The counts agree with the test cases a CI server tallies itself.
        foreach (var suite in suites)
        {
            var cases = suite.Elements("testcase").ToList();
            Assert.Equal((string)suite.Attribute("tests")!, cases.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal((string)suite.Attribute("failures")!, cases.Count(c => c.Element("failure") is not null).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal((string)suite.Attribute("errors")!, cases.Count(c => c.Element("error") is not null).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal((string)suite.Attribute("skipped")!, cases.Count(c => c.Element("skipped") is not null).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Each_check_is_a_test_case_named_by_board_model_and_check_with_its_outcome()
    {
        using var folder = new TemporaryFolder();
        ReportSet.Write(SampleReports.Qualify(), folder.Path);
        var cases = JUnitSchema.Load(folder.File(ReportSet.JUnitFile)).Descendants("testcase").ToList();

        var memory = cases.Single(c => (string)c.Attribute("classname")! == "qemu-arm64.int8" && (string)c.Attribute("name")! == "memory");
        var failure = memory.Element("failure")!;
        Assert.Equal("peak RSS 900 MB over the 512 MB budget", (string)failure.Attribute("message")!);
        Assert.Equal("check-failed", (string)failure.Attribute("type")!);
        Assert.Contains("measured 900 MB; threshold 512 MB", failure.Value, StringComparison.Ordinal);

        var error = cases.Single(c => (string)c.Attribute("classname")! == "pi-ssh.int8" && (string)c.Attribute("name")! == "agreement").Element("error")!;
        Assert.Equal("infrastructure", (string)error.Attribute("type")!);
        Assert.Equal("ssh: connection refused <after 3 tries> & gave up", (string)error.Attribute("message")!);

        var skipped = cases.Single(c => (string)c.Attribute("name")! == "latency-p99").Element("skipped")!;
        Assert.Equal("no threshold: set latency_p99_ms in the profile", (string)skipped.Attribute("message")!);

        var passed = cases.Single(c => (string)c.Attribute("classname")! == "pi-ssh.int8" && (string)c.Attribute("name")! == "power");
        Assert.Null(passed.Element("failure"));
        Assert.Contains("source measured:ina219-1-0x40", passed.Element("system-out")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_suite_carries_the_provenance_and_its_board_s_identity_as_properties()
    {
        using var folder = new TemporaryFolder();
        ReportSet.Write(SampleReports.Qualify(), folder.Path);
        var suite = JUnitSchema.Load(folder.File(ReportSet.JUnitFile)).Root!.Elements("testsuite").First();
        var properties = suite.Element("properties")!.Elements("property").ToDictionary(p => (string)p.Attribute("name")!, p => (string)p.Attribute("value")!);
        Assert.Equal("1.4.0 (commit 0123abcd)", properties["qslm.QSLM"]);
        Assert.Equal("ana <lab>", properties["qslm.operator"]);
        Assert.Equal("2026-03-01 09:00:00Z", properties["qslm.started"]);
        Assert.Equal("SIM-0042", properties["board.serial"]);
        Assert.Equal("JetPack 6.2", properties["board.firmware"]);
        Assert.StartsWith("simulated:jetson-orin-nano; calibration: 2026-02-20", properties["sensor.jetson:VDD_IN"], StringComparison.Ordinal);
        Assert.Equal($"models/int8.qslm sha256:{new string('a', 64)}", properties["model.int8"]);
    }

    [Fact]
    public void A_report_without_checks_is_an_empty_but_valid_junit_file()
    {
        using var folder = new TemporaryFolder();
        ReportSet.Write(SampleReports.Search(), folder.Path);
        var root = JUnitSchema.Load(folder.File(ReportSet.JUnitFile)).Root!;
        Assert.Empty(root.Elements("testsuite"));
        Assert.Equal("0", (string)root.Attribute("tests")!);
    }

    [Fact]
    public void The_schema_refuses_a_test_case_without_a_classname()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("bad.xml");
        new XDocument(new XElement("testsuites", new XElement("testsuite", new XAttribute("name", "b"), new XAttribute("tests", "1"), new XElement("testcase", new XAttribute("name", "c"))))).Save(path);
        Assert.Contains(JUnitSchema.Errors(path), e => e.Contains("classname", StringComparison.Ordinal));
    }

    private static (string Tests, string Failures, string Errors, string Skipped) Counts(XElement e) =>
        ((string)e.Attribute("tests")!, (string)e.Attribute("failures")!, (string)e.Attribute("errors")!, (string)e.Attribute("skipped")!);
}
