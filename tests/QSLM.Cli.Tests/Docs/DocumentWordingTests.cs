namespace QSLM.Cli.Tests.Docs;

/// <summary>The README, the changelog and the reference documents read as documentation, not as a development
/// log: no issue numbers, no first person, no commit hashes (the rules: <see cref="WordingRules"/>).</summary>
public sealed class DocumentWordingTests
{
    [Fact]
    public void The_docs_hold_no_issue_numbers() => AssertNone(WordingRules.IssueNumbers, "issue numbers");

    [Fact]
    public void The_docs_hold_no_first_person_wording() => AssertNone(WordingRules.FirstPerson, "first-person words");

    [Fact]
    public void The_docs_hold_no_commit_hashes() => AssertNone(WordingRules.CommitHashes, "commit hashes");

    private static void AssertNone(Func<string, IEnumerable<string>> rule, string what)
    {
        var found = UserDocs.Lines()
            .SelectMany(line => rule(line.Text).Select(word => $"'{word}' ({line})"))
            .ToList();
        Assert.True(found.Count == 0, $"{what} in the docs:\n" + string.Join('\n', found));
    }
}
