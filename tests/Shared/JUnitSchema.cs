using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace QSLM.Tests.Shared;

/// <summary>
/// Reads a JUnit XML report as a CI server would: validated against junit.xsd (written from the Ant and Jenkins
/// documentation of the format, embedded in every test assembly), never with QSLM's own reader.
/// </summary>
internal static class JUnitSchema
{
    private static readonly Lazy<XmlSchemaSet> Schemas = new(() =>
    {
        using var stream = typeof(JUnitSchema).Assembly.GetManifestResourceStream("QSLM.Tests.Shared.junit.xsd")
            ?? throw new InvalidOperationException("junit.xsd is not embedded in the test assembly (tests/Directory.Build.props embeds it)");
        var set = new XmlSchemaSet();
        set.Add(null, XmlReader.Create(stream));
        set.Compile();
        return set;
    });

    /// <summary>The validation errors of <paramref name="path"/> against the schema; empty when it is valid.</summary>
    public static IReadOnlyList<string> Errors(string path)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = Schemas.Value };
        settings.ValidationEventHandler += (_, e) => errors.Add($"line {e.Exception.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(path, settings);
        while (reader.Read())
        {
        }
        return errors;
    }

    /// <summary>Validates <paramref name="path"/> (failing with every error) and loads it.</summary>
    public static XDocument Load(string path)
    {
        var errors = Errors(path);
        Assert.True(errors.Count == 0, $"{path} is not valid JUnit XML:\n{string.Join('\n', errors)}");
        return XDocument.Load(path);
    }
}
