using System.Globalization;
using System.Text;
using QSLM.Errors;

namespace QSLM.Farm.Lava;

/// <summary>
/// Writes a LAVA job from the template of its device type (<c>farm/lava/templates/TYPE.yaml</c>, built into QSLM; a
/// folder of templates may override them). The template holds the device type's deploy and boot; QSLM fills in the
/// name, the device type, the tags that pin the job to a device, the timeout and the test shell's steps. A template
/// names each of those by a placeholder: <c>{{job_name}}</c>, <c>{{device_type}}</c>, <c>{{tags}}</c>,
/// <c>{{job_minutes}}</c>, <c>{{test_minutes}}</c>, <c>{{steps}}</c>. The job carries no secret: the board fetches what
/// it runs from URLs.
/// </summary>
public static class JobDefinition
{
    /// <summary>The placeholders a template must hold.</summary>
    public static IReadOnlyList<string> Placeholders { get; } = ["{{job_name}}", "{{device_type}}", "{{tags}}", "{{job_minutes}}", "{{test_minutes}}", "{{steps}}"];

    /// <summary>Writes the job.</summary>
    /// <param name="deviceType">The device type, whose template is used.</param>
    /// <param name="name">The job's name.</param>
    /// <param name="tags">Device tags the job requires (a device's own tag pins it there).</param>
    /// <param name="testMinutes">How long the test shell may take.</param>
    /// <param name="steps">The test shell's steps, one shell line each.</param>
    /// <param name="templatesFolder">A folder of templates over the built-in ones, or null.</param>
    /// <exception cref="InputException">No template for the device type, or one that lacks a placeholder.</exception>
    public static string Write(string deviceType, string name, IReadOnlyList<string> tags, int testMinutes, IReadOnlyList<string> steps, string? templatesFolder = null)
    {
        var template = Template(deviceType, templatesFolder);
        var jobMinutes = testMinutes + 10;
        return template
            .Replace("{{job_name}}", Quote(name), StringComparison.Ordinal)
            .Replace("{{device_type}}", Quote(deviceType), StringComparison.Ordinal)
            .Replace("{{tags}}", "[" + string.Join(", ", tags.Select(Quote)) + "]", StringComparison.Ordinal)
            .Replace("{{job_minutes}}", jobMinutes.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{test_minutes}}", testMinutes.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{steps}}", "[" + string.Join(", ", steps.Select(Quote)) + "]", StringComparison.Ordinal);
    }

    /// <summary>The template of <paramref name="deviceType"/>: from <paramref name="folder"/> if it has one, else built in.</summary>
    public static string Template(string deviceType, string? folder = null)
    {
        if (deviceType.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            throw new InputException($"'{deviceType}' is not a LAVA device type name");
        string? text = null;
        if (folder is not null && File.Exists(Path.Combine(folder, deviceType + ".yaml"))) text = File.ReadAllText(Path.Combine(folder, deviceType + ".yaml"));
        text ??= BuiltIn(deviceType + ".yaml");
        if (text is null)
            throw new InputException($"no LAVA job template for device type '{deviceType}' (built in: {string.Join(", ", BuiltInTypes())}; add farm/lava/templates/{deviceType}.yaml)");
        foreach (var placeholder in Placeholders.Where(p => !text.Contains(p, StringComparison.Ordinal)))
            throw new InputException($"the LAVA job template for '{deviceType}' lacks {placeholder}");
        return text;
    }

    /// <summary>A built-in file of farm/lava/templates, or null.</summary>
    internal static string? BuiltIn(string fileName)
    {
        using var stream = typeof(JobDefinition).Assembly.GetManifestResourceStream("QSLM.Farm.Templates." + fileName);
        if (stream is null) return null;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static IEnumerable<string> BuiltInTypes() => typeof(JobDefinition).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith("QSLM.Farm.Templates.", StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal))
        .Select(n => n["QSLM.Farm.Templates.".Length..^".yaml".Length]).Order(StringComparer.Ordinal);

    // A YAML single-quoted scalar: nothing is special inside it but the quote, which is doubled (YAML 1.2, 7.3.2).
    private static string Quote(string text) =>
        text.Any(char.IsControl) ? throw new ArgumentException("a job's text may not hold control characters (a line break would end the step)") : "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
