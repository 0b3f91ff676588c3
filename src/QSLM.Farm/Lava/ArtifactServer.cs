using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace QSLM.Farm.Lava;

/// <summary>
/// Serves a run's artifacts (the agent, the packed models, the agent sessions) to the farm's boards over HTTP GET:
/// only what was added, only under a random prefix made for this server, on one address of the farm's network
/// (127.0.0.1 in tests). A minimal <see cref="HttpListener"/> server, no web framework.
/// </summary>
public sealed class ArtifactServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, Func<Stream>> _files = new(StringComparer.Ordinal);
    private readonly Task _serving;
    private readonly string _prefix = "/qslm-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>Starts serving on <paramref name="address"/> at <paramref name="port"/> (0: a free port).</summary>
    public ArtifactServer(string address = "127.0.0.1", int port = 0)
    {
        port = port == 0 ? FreePort(address) : port;
        _listener.Prefixes.Add(FormattableString.Invariant($"http://{address}:{port}/"));
        _listener.Start();
        BaseUrl = new Uri(FormattableString.Invariant($"http://{address}:{port}{_prefix}/"));
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>Where the artifacts are, with a trailing slash: a board fetches <c>BaseUrl + name</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Requests served so far, for the run's log.</summary>
    public int Served => _served;

    private int _served;

    /// <summary>Serves the file at <paramref name="path"/> as <paramref name="name"/> (a relative path such as <c>models/SHA.qslm</c>).</summary>
    public void AddFile(string name, string path) => _files[Check(name)] = () => File.OpenRead(path);

    /// <summary>Serves <paramref name="bytes"/> as <paramref name="name"/>.</summary>
    public void AddBytes(string name, byte[] bytes) => _files[Check(name)] = () => new MemoryStream(bytes, writable: false);

    private static string Check(string name) =>
        name.Length == 0 || name.StartsWith('/') || name.Split('/').Any(p => p is "" or "." or "..")
            ? throw new ArgumentException($"'{name}' is not a relative artifact name", nameof(name))
            : name;

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var path = context.Request.Url?.AbsolutePath ?? "";
            if (context.Request.HttpMethod != "GET" || !path.StartsWith(_prefix + "/", StringComparison.Ordinal)
                || !_files.TryGetValue(path[(_prefix.Length + 1)..], out var open))
            {
                response.StatusCode = 404;
                return;
            }
            await using var stream = open();
            response.ContentType = "application/octet-stream";
            response.ContentLength64 = stream.Length;
            await stream.CopyToAsync(response.OutputStream).ConfigureAwait(false);
            Interlocked.Increment(ref _served);
        }
        catch (Exception e) when (e is IOException or HttpListenerException)
        {
            // The board went away mid-download: it fetches again or its job fails; the server carries on.
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception e) when (e is IOException or HttpListenerException or ObjectDisposedException)
            {
                // Closed by the other side already.
            }
        }
    }

    private static int FreePort(string address)
    {
        using var probe = new TcpListener(IPAddress.Parse(address), 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving.ConfigureAwait(false);
    }
}
