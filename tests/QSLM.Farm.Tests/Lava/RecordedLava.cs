using System.Net;
using System.Text;

namespace QSLM.Farm.Tests.Lava;

/// <summary>
/// A LAVA server played back from answers recorded from LAVA 2023.01 on loopback (Lava/Recorded: the jobs of a
/// qualification, one of them ended by a board's sshd stopped mid-job, and one refused by a board without SFTP). Every
/// request it is sent is kept, headers included, so a test can look for the token where it must not be.
/// </summary>
internal sealed class RecordedLava : HttpMessageHandler
{
    private readonly Dictionary<string, (HttpStatusCode Status, string Body)> _answers = new(StringComparer.Ordinal);

    public List<(HttpMethod Method, string Path, string? Authorization, string? Body)> Requests { get; } = [];

    public static string File(string name) => System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Lava", "Recorded", name));

    /// <summary>Answers <paramref name="pathAndQuery"/> (as sent under /api/v0.2/) with <paramref name="body"/>.</summary>
    public RecordedLava Answer(string pathAndQuery, string body, HttpStatusCode status = HttpStatusCode.OK)
    {
        _answers["/api/v0.2/" + pathAndQuery] = (status, body);
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var key = request.RequestUri!.PathAndQuery;
        Requests.Add((request.Method, key, request.Headers.Authorization?.ToString(), body));
        var (status, text) = _answers.TryGetValue(key, out var answer) ? answer : (HttpStatusCode.NotFound, "{\"detail\":\"Not found.\"}");
        return new HttpResponseMessage(status) { Content = new StringContent(text, Encoding.UTF8, "application/json") };
    }
}
