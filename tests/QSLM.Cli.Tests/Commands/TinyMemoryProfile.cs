namespace QSLM.Cli.Tests.Commands;

/// <summary>A firmware profile that makes this machine a board allowing a model 1 MB: any real model is over its
/// memory budget, so its memory check fails as the candidate's (not the board's) fault.</summary>
internal static class TinyMemoryProfile
{
    /// <summary>The profile's name.</summary>
    public const string Name = "tiny-memory";

    /// <summary>Writes the profile into <paramref name="profilesFolder"/>.</summary>
    public static void Write(string profilesFolder) => File.WriteAllText(Path.Combine(profilesFolder, Name + ".yaml"), """
        profile: tiny-memory
        description: this machine as a board that allows a model 1 MB
        runtime: linux-x64
        memory_for_model: 1 MB
        idle_watts:
          min: 2.5
          max: 3.0
          source: simulated:ina219-default-board
        """);
}
