using QSLM.Errors;

namespace QSLM.Boards.Profiles;

/// <summary>A profile name with no file in the profiles folder; the message lists the known ones (bad input, exit code 2).</summary>
public sealed class UnknownProfileException(string name, string folder, IReadOnlyList<string> known)
    : InputException($"unknown firmware profile '{name}' in {folder} (profiles: {string.Join(", ", known)})")
{
    /// <summary>The name asked for.</summary>
    public string Name { get; } = name;

    /// <summary>The profiles that exist.</summary>
    public IReadOnlyList<string> Known { get; } = known;
}
