using System.Reflection;

namespace QSLM.Harness.Reporting;

/// <summary>Which QSLM made a report: the version and the git commit the SDK stamps into the informational
/// version (<c>1.0.0+&lt;sha&gt;</c>) when it builds from a repository.</summary>
public static class QslmBuild
{
    private static readonly string Informational =
        typeof(QslmBuild).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>The version without the commit.</summary>
    public static string Version => Informational.Split('+')[0];

    /// <summary>The commit, or null when the build did not come from a git checkout.</summary>
    public static string? Commit => Informational.Split('+') is [_, var sha, ..] && sha.Length > 0 ? sha : null;
}
