using System.Net;
using QSLM.Farm.Lava;

namespace QSLM.Farm.Tests.Lava;

/// <summary>The HTTP server the boards fetch a run's artifacts from.</summary>
public sealed class ArtifactServerTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-artifacts-");
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task It_serves_what_was_added_under_its_random_prefix_on_loopback()
    {
        await using var server = new ArtifactServer();
        File.WriteAllBytes(_temp.File("model.qslm"), [1, 2, 3, 4]);
        server.AddFile("models/abc.qslm", _temp.File("model.qslm"));
        server.AddBytes("sessions/abc.jsonl", "{\"type\":\"bye\"}\n"u8.ToArray());

        Assert.Equal("127.0.0.1", server.BaseUrl.Host);
        Assert.Equal([1, 2, 3, 4], await _http.GetByteArrayAsync(new Uri(server.BaseUrl, "models/abc.qslm")));
        Assert.Equal("{\"type\":\"bye\"}\n", await _http.GetStringAsync(new Uri(server.BaseUrl, "sessions/abc.jsonl")));
        Assert.Equal(2, server.Served);
    }

    [Fact]
    public async Task Anything_not_added_or_outside_the_prefix_is_not_found()
    {
        await using var server = new ArtifactServer();
        server.AddBytes("agent.tar.gz", [1]);

        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync(new Uri(server.BaseUrl, "other"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync(new Uri(server.BaseUrl, "/agent.tar.gz"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.PostAsync(new Uri(server.BaseUrl, "agent.tar.gz"), new ByteArrayContent([]))).StatusCode);
    }

    [Fact]
    public async Task A_name_that_climbs_out_is_refused()
    {
        await using var server = new ArtifactServer();

        Assert.Throws<ArgumentException>(() => server.AddBytes("../etc/passwd", [1]));
        Assert.Throws<ArgumentException>(() => server.AddBytes("/abs", [1]));
    }
}
