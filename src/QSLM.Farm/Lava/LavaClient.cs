using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using QSLM.Errors;

namespace QSLM.Farm.Lava;

/// <summary>
/// Speaks LAVA's REST API v0.2 (LAVA 2023.01, <c>/api/v0.2/</c>): submits jobs, follows them, fetches their test cases
/// (with measurements and units), JUnit and logs, lists devices with their health and sets a device's health with a
/// reason. The token goes only into the <c>Authorization</c> header; no message this class writes carries it. A server
/// that cannot be reached, or answers 5xx, is an infrastructure failure; a refused token or a refused job is the
/// user's input.
/// </summary>
public sealed class LavaClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly TimeProvider _time;

    /// <summary>A client of <paramref name="settings"/>' server.</summary>
    /// <param name="settings">The server and token.</param>
    /// <param name="handler">The HTTP handler (a recorded server in tests); default: a plain socket handler.</param>
    /// <param name="time">The clock <see cref="WaitAsync"/> polls with.</param>
    public LavaClient(LavaSettings settings, HttpMessageHandler? handler = null, TimeProvider? time = null)
    {
        Server = settings.Server;
        _http = new HttpClient(handler ?? new SocketsHttpHandler(), disposeHandler: true) { BaseAddress = new Uri(settings.Server, "/api/v0.2/"), Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(settings.Token.HeaderValue);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The server.</summary>
    public Uri Server { get; }

    /// <summary>The web page of job <paramref name="id"/>, for people.</summary>
    public Uri JobPage(int id) => new(Server, FormattableString.Invariant($"/scheduler/job/{id}"));

    /// <summary>Submits <paramref name="definition"/> (a job's YAML); returns its job id.</summary>
    /// <exception cref="InputException">LAVA refused the definition or the token.</exception>
    /// <exception cref="InfrastructureFailureException">LAVA could not be reached or failed.</exception>
    public async Task<int> SubmitAsync(string definition, CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["definition"] = definition });
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var json = await SendJsonAsync(HttpMethod.Post, "jobs/", content, cancellationToken).ConfigureAwait(false);
        var ids = LavaJson.JobIds(json.RootElement);
        return ids.Count == 1 ? ids[0] : throw new InfrastructureFailureException($"LAVA at {Server} answered a submission with {ids.Count} job ids, not one");
    }

    /// <summary>Job <paramref name="id"/> as it stands.</summary>
    public async Task<LavaJob> JobAsync(int id, CancellationToken cancellationToken = default)
    {
        using var json = await SendJsonAsync(HttpMethod.Get, FormattableString.Invariant($"jobs/{id}/"), null, cancellationToken).ConfigureAwait(false);
        return LavaJson.Job(json.RootElement);
    }

    /// <summary>Asks LAVA to cancel job <paramref name="id"/> (a finished job stays as it ended): the REST API's
    /// <c>GET jobs/ID/cancel/</c>, which sends the job's dispatcher the cancel signal.</summary>
    /// <exception cref="InfrastructureFailureException">LAVA could not be reached or failed.</exception>
    public async Task CancelAsync(int id, CancellationToken cancellationToken = default)
    {
        using var json = await SendJsonAsync(HttpMethod.Get, FormattableString.Invariant($"jobs/{id}/cancel/"), null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Polls job <paramref name="id"/> every <paramref name="poll"/> until it has finished; a job still
    /// unfinished after <paramref name="timeout"/> is an infrastructure failure.</summary>
    public async Task<LavaJob> WaitAsync(int id, TimeSpan poll, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        while (true)
        {
            var job = await JobAsync(id, cancellationToken).ConfigureAwait(false);
            if (job.IsFinished) return job;
            if (_time.GetElapsedTime(started) > timeout)
                throw new InfrastructureFailureException(FormattableString.Invariant($"LAVA job {id} at {Server} has not finished after {timeout.TotalMinutes:0.#} minutes (state {job.State})"));
            await Task.Delay(poll, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every test case of job <paramref name="id"/> (all pages), LAVA's own included.</summary>
    public async Task<IReadOnlyList<LavaTestCase>> TestsAsync(int id, CancellationToken cancellationToken = default)
    {
        var cases = new List<LavaTestCase>();
        string? next = FormattableString.Invariant($"jobs/{id}/tests/?limit=500");
        while (next is not null)
        {
            using var json = await SendJsonAsync(HttpMethod.Get, next, null, cancellationToken).ConfigureAwait(false);
            cases.AddRange(json.RootElement.GetProperty("results").EnumerateArray().Select(LavaJson.TestCase));
            next = json.RootElement.TryGetProperty("next", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        }
        return cases;
    }

    /// <summary>Job <paramref name="id"/>'s results as JUnit XML (LAVA's rendering: no measurements).</summary>
    public Task<string> JUnitAsync(int id, CancellationToken cancellationToken = default) =>
        SendTextAsync(FormattableString.Invariant($"jobs/{id}/junit/"), cancellationToken);

    /// <summary>Job <paramref name="id"/>'s log: LAVA's YAML list of <c>{dt, lvl, msg}</c> lines.</summary>
    public Task<string> LogsAsync(int id, CancellationToken cancellationToken = default) =>
        SendTextAsync(FormattableString.Invariant($"jobs/{id}/logs/"), cancellationToken);

    /// <summary>Every device the token may see, with its type, state and health.</summary>
    public async Task<IReadOnlyList<LavaDevice>> DevicesAsync(CancellationToken cancellationToken = default)
    {
        var devices = new List<LavaDevice>();
        string? next = "devices/?limit=500";
        while (next is not null)
        {
            using var json = await SendJsonAsync(HttpMethod.Get, next, null, cancellationToken).ConfigureAwait(false);
            devices.AddRange(json.RootElement.GetProperty("results").EnumerateArray().Select(LavaJson.Device));
            next = json.RootElement.TryGetProperty("next", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        }
        return devices;
    }

    /// <summary>Every device tag, by id (a device lists its tags by id).</summary>
    public async Task<IReadOnlyDictionary<int, string>> TagsAsync(CancellationToken cancellationToken = default)
    {
        var tags = new Dictionary<int, string>();
        string? next = "tags/?limit=500";
        while (next is not null)
        {
            using var json = await SendJsonAsync(HttpMethod.Get, next, null, cancellationToken).ConfigureAwait(false);
            foreach (var tag in json.RootElement.GetProperty("results").EnumerateArray()) tags[tag.GetProperty("id").GetInt32()] = tag.GetProperty("name").GetString() ?? "";
            next = json.RootElement.TryGetProperty("next", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        }
        return tags;
    }

    /// <summary>Sets <paramref name="device"/>'s health (<c>GOOD</c>, <c>UNKNOWN</c>, <c>MAINTENANCE</c>, ...), with the
    /// reason LAVA logs beside it; needs a token whose user may change devices.</summary>
    public async Task SetHealthAsync(string device, string health, string reason, CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["health"] = health.ToUpperInvariant(), ["reason"] = reason });
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var _ = await SendJsonAsync(HttpMethod.Post, $"devices/{Uri.EscapeDataString(device)}/set_health/", content, cancellationToken).ConfigureAwait(false);
    }

    private async Task<JsonDocument> SendJsonAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        var text = await SendAsync(method, path, content, cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new InfrastructureFailureException($"LAVA at {Server} answered {method} {Route(path)} with something other than JSON: {e.Message}", e);
        }
    }

    private Task<string> SendTextAsync(string path, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, path, null, cancellationToken);

    private async Task<string> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new InfrastructureFailureException($"LAVA at {Server} cannot be reached ({method} {Route(path)}): {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InfrastructureFailureException($"LAVA at {Server} did not answer {method} {Route(path)} within {_http.Timeout.TotalSeconds:0} s", e);
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode) return text;
            var said = Shorten(text);
            throw response.StatusCode switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                    new InputException($"LAVA at {Server} refused the token for {method} {Route(path)} ({(int)response.StatusCode}): {said}"),
                HttpStatusCode.BadRequest or HttpStatusCode.NotFound =>
                    new InputException($"LAVA at {Server} refused {method} {Route(path)} ({(int)response.StatusCode}): {said}"),
                _ => new InfrastructureFailureException($"LAVA at {Server} failed {method} {Route(path)} ({(int)response.StatusCode}): {said}"),
            };
        }
    }

    private string Route(string path) => new Uri(_http.BaseAddress!, path).AbsolutePath;

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= 300 ? line : line[..300] + "…";
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
