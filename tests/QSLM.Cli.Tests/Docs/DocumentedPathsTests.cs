namespace QSLM.Cli.Tests.Docs;

/// <summary>Every repository path and every relative link that the README and the reference documents name
/// exists in the repository.</summary>
public sealed class DocumentedPathsTests
{
    [Fact]
    public void Every_path_and_link_named_in_the_docs_exists()
    {
        var missing = UserDocs.Lines()
            .SelectMany(line => PathMentions.In(line.File, line.Text).Select(path => (line, path)))
            .Where(mention => !PathMentions.Exists(mention.path))
            .Select(mention => $"{mention.path} ({mention.line})")
            .ToList();
        Assert.True(missing.Count == 0, "paths the docs name that the repository lacks:\n" + string.Join('\n', missing));
    }

    [Theory]
    [InlineData("README.md", "`src/QSLM.Frobnicator` holds nothing", "src/QSLM.Frobnicator")]
    [InlineData("README.md", "see [the guide](docs/nowhere.md#top).", "docs/nowhere.md")]
    [InlineData("docs/usage.md", "see [boards](nowhere.md).", "docs/nowhere.md")]
    [InlineData("README.md", "bench files are `hardware/no-such-*.yaml`", "hardware/no-such-*.yaml")]
    public void A_path_the_repository_lacks_is_caught(string file, string line, string expected)
    {
        var path = Assert.Single(PathMentions.In(file, line));
        Assert.Equal(expected, path);
        Assert.False(PathMentions.Exists(path));
    }

    [Theory]
    [InlineData("README.md", "`./run-tests` runs `.ci/run`'s suite, see [usage](docs/usage.md#exit-codes-and-errors).")]
    [InlineData("docs/usage.md", "the bench is `hardware/example-*.yaml`; [the README](../README.md#exit-codes)")]
    [InlineData("docs/usage.md", "models are stored as `models/HASH.part` in the agent's root.")]
    [InlineData("README.md", "`dotnet src/QSLM.Agent/bin/Release/net10.0/qslm-agent.dll eval`")]
    [InlineData("README.md", "the data's provenance is in data/SOURCES.md.")]
    public void An_existing_path_a_placeholder_or_a_build_output_passes(string file, string line)
    {
        var paths = PathMentions.In(file, line).ToList();
        Assert.NotEmpty(paths);
        Assert.All(paths, path => Assert.True(PathMentions.Exists(path), path));
    }
}
