using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using QSLM.Farm.Lava;
using QSLM.Harness.Boards;
using QSLM.Harness.Verification;
using QSLM.Boards.Sessions;

namespace QSLM.Harness.Farms;

/// <summary>
/// The files a board in a farm fetches over HTTP, by the names the board-side scripts ask for: the self-contained agent
/// (<c>agent.tar.gz</c>), the scripts of <c>farm/lava/templates</c>, and per model its packed file
/// (<c>models/SHA256.qslm</c>) and the agent session that scores and times it (<c>sessions/SHA256.jsonl</c>). A run
/// serves them from an <see cref="ArtifactServer"/> while it lasts; a health check, which LAVA runs on its own, from a
/// folder the farm's web server serves.
/// </summary>
public static class BoardArtifacts
{
    /// <summary>The board-side scripts a job fetches.</summary>
    public static IReadOnlyList<string> Scripts { get; } = ["qslm-board.sh", "qslm-health.sh"];

    /// <summary>The self-contained agent of <paramref name="runtime"/> as a gzipped tar of its folder.</summary>
    public static byte[] AgentArchive(string runtime)
    {
        var agent = AgentArtifacts.SelfContainedFolder(runtime);
        var archive = new MemoryStream();
        using (var gzip = new GZipStream(archive, CompressionLevel.Fastest, leaveOpen: true)) TarFile.CreateFromDirectory(agent, gzip, includeBaseDirectory: false);
        return archive.ToArray();
    }

    /// <summary>A board-side script of <c>farm/lava/templates</c>.</summary>
    public static byte[] Script(string name) => Encoding.UTF8.GetBytes(JobDefinition.BuiltIn(name) ?? throw new ArgumentException($"no built-in board script {name}", nameof(name)));

    /// <summary>The session that scores <paramref name="sha256"/> on <paramref name="data"/> and times it with <paramref name="run"/>.</summary>
    public static byte[] Session(string sha256, bool isSst2, CheckData data, RunSettings run, string hostVersion) =>
        AgentSessionScript.Write(sha256, data.Request(isSst2), run, hostVersion);

    /// <summary>The agent and the scripts, added to <paramref name="artifacts"/>.</summary>
    public static void AddCommon(ArtifactServer artifacts, string runtime)
    {
        artifacts.AddBytes("agent.tar.gz", AgentArchive(runtime));
        foreach (var script in Scripts) artifacts.AddBytes(script, Script(script));
    }
}
