using QSLM.Errors;
using QSLM.Farm.Lava;

namespace QSLM.Farm.Tests.Lava;

/// <summary>Where the LAVA URL and token come from, and that the token never shows.</summary>
public sealed class LavaSettingsTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-lava-settings-");

    public void Dispose() => _temp.Dispose();

    private string Config(string text, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        var path = _temp.File("lava.yaml");
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, mode);
        return path;
    }

    private static Func<string, string?> Environment(string? token = null) => name => name == LavaSettings.TokenVariable ? token : null;

    [Fact]
    public void The_file_gives_the_url_and_the_token_when_the_environment_has_none()
    {
        var path = Config("url: http://127.0.0.1:8000\ntoken: abc123\n");

        var settings = LavaSettings.Resolve(null, path, Environment());

        Assert.Equal(new Uri("http://127.0.0.1:8000"), settings.Server);
        Assert.Equal(path, settings.TokenSource);
        Assert.Equal("Token abc123", settings.Token.HeaderValue);
    }

    [Fact]
    public void The_environment_token_wins_over_the_file_and_the_given_url_over_the_files()
    {
        var path = Config("url: http://127.0.0.1:8000\ntoken: from-file\n");

        var settings = LavaSettings.Resolve("https://lava.example.org", path, Environment("from-env"));

        Assert.Equal(new Uri("https://lava.example.org"), settings.Server);
        Assert.Equal("$QSLM_LAVA_TOKEN", settings.TokenSource);
        Assert.Equal("Token from-env", settings.Token.HeaderValue);
    }

    [Fact]
    public void A_token_file_others_may_read_is_refused_as_an_ssh_key_would_be()
    {
        var path = Config("token: abc123\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var e = Assert.Throws<InputException>(() => LavaSettings.Resolve("http://127.0.0.1:8000", path, Environment()));

        Assert.Contains("chmod 600", e.Message);
        Assert.DoesNotContain("abc123", e.Message);
    }

    [Fact]
    public void No_token_anywhere_says_where_one_goes()
    {
        var e = Assert.Throws<InputException>(() => LavaSettings.Resolve("http://127.0.0.1:8000", _temp.File("missing.yaml"), Environment()));

        Assert.Contains("$QSLM_LAVA_TOKEN", e.Message);
        Assert.Contains("missing.yaml", e.Message);
    }

    [Fact]
    public void A_malformed_file_is_refused_without_quoting_its_text()
    {
        var path = Config("token: [abc123\n");

        var e = Assert.Throws<InputException>(() => LavaSettings.Resolve("http://127.0.0.1:8000", path, Environment()));

        Assert.Contains("not valid YAML", e.Message);
        Assert.DoesNotContain("abc123", e.Message);
    }

    [Fact]
    public void A_url_that_is_not_http_is_refused()
    {
        var e = Assert.Throws<InputException>(() => LavaSettings.Resolve("ftp://lava", null, Environment("abc")));

        Assert.Contains("not an http:// or https:// URL", e.Message);
    }

    [Fact]
    public void A_token_prints_as_a_placeholder()
    {
        var token = new LavaToken("abc123");

        Assert.DoesNotContain("abc123", token.ToString());
        Assert.DoesNotContain("abc123", new LavaSettings(new Uri("http://x"), token, "test").ToString());
    }
}
