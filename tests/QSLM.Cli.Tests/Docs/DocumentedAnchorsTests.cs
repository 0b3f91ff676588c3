namespace QSLM.Cli.Tests.Docs;

/// <summary>Every link from the README and the reference documents to a section names a heading that the
/// linked Markdown file has.</summary>
public sealed class DocumentedAnchorsTests
{
    [Fact]
    public void Every_section_link_in_the_docs_names_a_heading_of_its_target()
    {
        var broken = UserDocs.Lines()
            .SelectMany(line => HeadingAnchors.In(line.File, line.Text).Select(link => (line, link)))
            .Where(found => found.link.File.EndsWith(".md", StringComparison.Ordinal)
                && File.Exists(Path.Combine(RepositoryFiles.Root, found.link.File))
                && !HeadingAnchors.Of(found.link.File).Contains(found.link.Anchor))
            .Select(found => $"{found.link.File}#{found.link.Anchor} ({found.line})")
            .ToList();
        Assert.True(broken.Count == 0, "section links with no such heading:\n" + string.Join('\n', broken));
    }

    [Theory]
    [InlineData("## Exit codes", "exit-codes")]
    [InlineData("## `qslm-agent serve`", "qslm-agent-serve")]
    [InlineData("## Results, resuming and the cache", "results-resuming-and-the-cache")]
    [InlineData("### Framing over a serial line", "framing-over-a-serial-line")]
    public void A_heading_slugs_as_github_renders_it(string heading, string expected)
    {
        Assert.Equal(expected, HeadingAnchors.Slug(heading.TrimStart('#')));
    }

    [Fact]
    public void A_link_to_a_missing_section_is_caught()
    {
        var (file, anchor) = Assert.Single(HeadingAnchors.In("docs/usage.md", "see [codes](../README.md#exit-codez)."));
        Assert.Equal("README.md", file);
        Assert.DoesNotContain(anchor, HeadingAnchors.Of(file));
        Assert.Contains("exit-codes", HeadingAnchors.Of(file));
    }
}
