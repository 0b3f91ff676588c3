namespace QSLM.History.Store;

/// <summary>The schema's versions, each a script embedded in this assembly (<c>Schema/NNN-*.sql</c>) that takes the
/// store from the version before it to its own. Plain SQL, so the scripts also run on PostgreSQL.</summary>
public static class HistorySchema
{
    /// <summary>The version this QSLM writes and the newest it reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The script that brings a store to <paramref name="version"/>.</summary>
    public static string Script(int version)
    {
        var assembly = typeof(HistorySchema).Assembly;
        var name = assembly.GetManifestResourceNames().SingleOrDefault(n => n.StartsWith(FormattableString.Invariant($"QSLM.History.Schema.{version:D3}-"), StringComparison.Ordinal))
            ?? throw new InvalidOperationException(FormattableString.Invariant($"no embedded schema script for version {version}"));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The script's statements, split at semicolons that end a line (the scripts hold no procedural code).</summary>
    public static IEnumerable<string> Statements(int version) =>
        Script(version).Split(";\n").Select(s => string.Join('\n', s.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal))).Trim()).Where(s => s.Length > 0);
}
