using System.Text;
using System.Xml;
using QSLM.Reports.Document;

namespace QSLM.Reports.Writers;

/// <summary>
/// The report's checks as JUnit XML, the format CI servers (Jenkins, GitLab, GitHub actions' test reporters) read:
/// one <c>&lt;testsuite&gt;</c> per board, one <c>&lt;testcase classname="board.model" name="check"&gt;</c> per check.
/// A failed check is a <c>&lt;failure&gt;</c>, an infrastructure fault an <c>&lt;error&gt;</c> (so CI tells a broken
/// model from a broken bench), a check not run is <c>&lt;skipped&gt;</c>. The run's provenance goes into each suite's
/// <c>&lt;properties&gt;</c>. Element and attribute names follow the Ant JUnit task's report format as Jenkins' JUnit
/// plugin reads it (https://github.com/jenkinsci/junit-plugin, src/main/resources/hudson/tasks/junit/*.xsd; see
/// https://llg.cubic.org/docs/junit/).
/// </summary>
public static class JUnitReportWriter
{
    /// <summary>The file's name.</summary>
    public const string FileName = "report.junit.xml";

    /// <summary>Writes the JUnit XML of <paramref name="report"/> into <paramref name="folder"/>.</summary>
    /// <returns>The file written.</returns>
    public static string Write(RunReport report, string folder)
    {
        var path = Path.Combine(folder, FileName);
        using var stream = File.Create(path);
        Write(report, stream);
        return path;
    }

    /// <summary>Writes the JUnit XML of <paramref name="report"/> to <paramref name="stream"/>.</summary>
    public static void Write(RunReport report, Stream stream)
    {
        using var xml = XmlWriter.Create(stream, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) });
        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", $"qslm {report.Kind}: {report.Title}");
        Counts(xml, report.Checks);
        var suites = report.Checks.GroupBy(c => c.Board).ToList();
        for (var i = 0; i < suites.Count; i++)
        {
            var checks = suites[i].ToList();
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", suites[i].Key);
            Counts(xml, checks);
            xml.WriteAttributeString("id", ReportText.Count(i));
            xml.WriteAttributeString("timestamp", report.Provenance.Started.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
            xml.WriteAttributeString("hostname", report.Boards.FirstOrDefault(b => b.Name == suites[i].Key)?.HostName ?? suites[i].Key);
            Properties(xml, report, report.Boards.FirstOrDefault(b => b.Name == suites[i].Key));
            foreach (var check in checks) Case(xml, check);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void Counts(XmlWriter xml, IReadOnlyCollection<CheckResult> checks)
    {
        xml.WriteAttributeString("tests", ReportText.Count(checks.Count));
        xml.WriteAttributeString("failures", ReportText.Count(checks.Count(c => c.Status == CheckStatus.Failed)));
        xml.WriteAttributeString("errors", ReportText.Count(checks.Count(c => c.Status == CheckStatus.Error)));
        xml.WriteAttributeString("skipped", ReportText.Count(checks.Count(c => c.Status == CheckStatus.NotRun)));
        xml.WriteAttributeString("time", ReportText.Seconds(checks.Sum(c => c.Seconds)));
    }

    private static void Properties(XmlWriter xml, RunReport report, ReportBoard? board)
    {
        xml.WriteStartElement("properties");
        foreach (var (label, value) in ReportText.Provenance(report)) Property(xml, "qslm." + label.Replace(' ', '-'), value);
        if (board is not null)
        {
            foreach (var (label, value) in ReportText.Board(board)) Property(xml, "board." + label.Replace(' ', '-'), value);
            foreach (var sensor in board.Sensors) Property(xml, "sensor." + sensor.Spec, $"{sensor.Source}; calibration: {sensor.Calibration}");
        }
        foreach (var model in report.Models) Property(xml, "model." + model.Label, $"{model.Path} sha256:{model.Sha256}");
        xml.WriteEndElement();
    }

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", value);
        xml.WriteEndElement();
    }

    private static void Case(XmlWriter xml, CheckResult check)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("classname", $"{check.Board}.{check.Model}");
        xml.WriteAttributeString("name", check.Check);
        xml.WriteAttributeString("time", ReportText.Seconds(check.Seconds));
        var figures = Figures(check);
        switch (check.Status)
        {
            case CheckStatus.Failed:
                Outcome(xml, "failure", check.Detail, "check-failed", figures);
                break;
            case CheckStatus.Error:
                Outcome(xml, "error", check.Detail, "infrastructure", figures);
                break;
            case CheckStatus.NotRun:
                xml.WriteStartElement("skipped");
                xml.WriteAttributeString("message", check.Detail);
                xml.WriteEndElement();
                break;
            case CheckStatus.Passed:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(check), check.Status, "unknown check status");
        }
        xml.WriteElementString("system-out", string.IsNullOrEmpty(figures) ? check.Detail : $"{check.Detail}\n{figures}");
        xml.WriteEndElement();
    }

    private static void Outcome(XmlWriter xml, string element, string message, string type, string body)
    {
        xml.WriteStartElement(element);
        xml.WriteAttributeString("message", message);
        xml.WriteAttributeString("type", type);
        xml.WriteString(body);
        xml.WriteEndElement();
    }

    private static string Figures(CheckResult check)
    {
        var parts = new List<string>();
        if (check.Measured is not null) parts.Add($"measured {ReportText.WithUnit(check.Measured, check.Unit)}");
        if (check.Threshold is not null) parts.Add($"threshold {ReportText.WithUnit(check.Threshold, check.Unit)}");
        if (check.Source is not null) parts.Add($"source {check.Source}");
        return string.Join("; ", parts);
    }
}
