using System.Globalization;
using QSLM.Farm.Lava;

namespace QSLM.Farm.Tests.Lava;

/// <summary>
/// <c>qslm farm health-check</c>: the job and the files it writes, and what a board running that job's test shell
/// reports (without LAVA: <see cref="HealthCheckBoard"/>). The real LAVA runs it in
/// <c>RealLava/LavaHealthCheckOnTheFarmTests</c>.
/// </summary>
public sealed class LavaHealthCheckTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-health-check-");

    public void Dispose() => _temp.Dispose();

    private static string Qslm => Path.Combine(AppContext.BaseDirectory, "qslm");

    private static readonly Dictionary<string, string> OneThread = new() { ["OMP_NUM_THREADS"] = "1" };

    private string Model()
    {
        var path = _temp.File("sst2-int8.qslm");
        var packed = ChildProcess.Run(Qslm, ["pack", "--checkpoint", RepositoryFiles.ReferenceSst2, "--embedding-from", RepositoryFiles.ReferenceLm, "--assign", "*=int8", "-o", path],
            OneThread, RepositoryFiles.Root);
        Assert.True(packed.ExitCode == 0, packed.StdErr);
        return path;
    }

    private (string Job, string Published, string Said) Write(string model, Uri url)
    {
        var published = _temp.File("published");
        var job = _temp.File("ssh.yaml");
        var written = ChildProcess.Run(Qslm, ["farm", "health-check", model, "--artifacts-url", url.ToString(), "--publish", published, "--agent-runtime", "linux-x64",
            "--sst2-sentences", "8", "-o", job], OneThread, RepositoryFiles.Root);
        Assert.True(written.ExitCode == 0, written.StdErr);
        return (File.ReadAllText(job), published, written.StdErr);
    }

    private static double HostScore(string said) =>
        double.Parse(said[(said.IndexOf("the host scored ", StringComparison.Ordinal) + "the host scored ".Length)..].Trim(), CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_board_that_runs_the_check_model_as_the_host_does_passes_with_its_score_and_leaves_nothing_behind()
    {
        var model = Model();
        await using var server = new ArtifactServer();
        var (job, published, said) = Write(model, server.BaseUrl);

        Assert.Contains("device_type: 'ssh'", job);
        Assert.Contains("tags: []", job);
        Assert.True(File.Exists(Path.Combine(published, "agent.tar.gz")));
        var board = new HealthCheckBoard(_temp).Run(HealthCheckBoard.Steps(job), published, server);

        Assert.True(board.Raised.Count == 0, board.Output + string.Join('\n', board.Raised));
        var check = Assert.Single(board.Cases, c => c.StartsWith("qslm-board-check ", StringComparison.Ordinal));
        var words = check.Split(' ');
        Assert.Equal(["qslm-board-check", "--result", "pass", "--measurement"], words[..4]);
        Assert.Equal(HostScore(said), double.Parse(words[4], CultureInfo.InvariantCulture), 4);
        Assert.Equal(["--units", "fraction"], words[5..]);
        Assert.Contains("qslm-check-model --result pass", board.Cases);
        Assert.DoesNotContain(Directory.EnumerateDirectories("/var/tmp", "qslm-health.*"), d => Directory.GetLastWriteTimeUtc(d) > DateTime.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task A_board_that_scores_otherwise_or_cannot_run_the_agent_ends_the_job_with_a_raise_naming_why()
    {
        var model = Model();
        await using var server = new ArtifactServer();
        var (job, published, said) = Write(model, server.BaseUrl);
        var steps = HealthCheckBoard.Steps(job);
        var host = HostScore(said).ToString("R", CultureInfo.InvariantCulture);
        // A host answer the board cannot give: what a board whose arithmetic went wrong would show.
        var otherwise = steps.Select(s => s.StartsWith("sh \"$QSLM_WORK/qslm-health.sh\"", StringComparison.Ordinal) ? s.Replace($" {host} ", " 0.1 ", StringComparison.Ordinal) : s).ToList();
        Assert.NotEqual(steps, otherwise);

        var wrong = new HealthCheckBoard(_temp).Run(otherwise, published, server);
        Assert.Contains(wrong.Cases, c => c.StartsWith("qslm-board-check --result fail --measurement", StringComparison.Ordinal));
        Assert.Contains("where the host scored 0.1 (tolerance 0.02)", Assert.Single(wrong.Raised));

        File.Delete(Path.Combine(published, "agent.tar.gz"));
        await using var without = new ArtifactServer();
        var broken = new HealthCheckBoard(_temp).Run(HealthCheckBoard.Steps(job.Replace(server.BaseUrl.ToString().TrimEnd('/'), without.BaseUrl.ToString().TrimEnd('/'), StringComparison.Ordinal)), published, without);
        Assert.Contains("qslm-agent-deploy --result fail", broken.Cases);
        Assert.Equal("qslm board check: the agent gave no answer", Assert.Single(broken.Raised));
    }

    [Fact]
    public void An_artifacts_url_that_is_not_http_is_refused_before_anything_is_written()
    {
        var published = _temp.File("published");
        var refused = ChildProcess.Run(Qslm, ["farm", "health-check", _temp.File("none.qslm"), "--artifacts-url", "ftp://farm/qslm", "--publish", published], OneThread, RepositoryFiles.Root);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--artifacts-url must be an http or https URL, got 'ftp://farm/qslm'", refused.StdErr);
        Assert.False(Directory.Exists(published));
    }
}
