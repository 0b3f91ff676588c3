namespace QSLM.Cli.Tests.Docs;

/// <summary>The README stays an introduction: reference material belongs in <c>docs/</c>.</summary>
public sealed class ReadmeSizeTests
{
    /// <summary>15 KiB.</summary>
    private const long MaximumBytes = 15 * 1024;

    [Fact]
    public void The_readme_is_at_most_15_KiB()
    {
        var bytes = new FileInfo(Path.Combine(RepositoryFiles.Root, "README.md")).Length;
        Assert.True(bytes <= MaximumBytes, $"README.md is {bytes} bytes, more than {MaximumBytes}");
    }

    [Fact]
    public void The_docs_checked_are_the_readme_and_the_reference_but_not_the_dated_results()
    {
        Assert.Equal("README.md", UserDocs.Files[0]);
        Assert.Contains("docs/usage.md", UserDocs.Files);
        Assert.DoesNotContain(UserDocs.Files, file => file.StartsWith("docs/results/", StringComparison.Ordinal));
    }
}
