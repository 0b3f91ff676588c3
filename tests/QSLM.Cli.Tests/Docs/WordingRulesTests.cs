namespace QSLM.Cli.Tests.Docs;

/// <summary>The wording rules the documents are held to, each shown to catch what it names and to pass what
/// it must not catch.</summary>
public sealed class WordingRulesTests
{
    [Theory]
    [InlineData("Fixed in issue 12.", "issue 12")]
    [InlineData("See issues #3 and #4.", "issues #3")]
    [InlineData("Issue #18 moved the harness.", "Issue #18")]
    [InlineData("Landed as PR 7.", "PR 7")]
    [InlineData("(pull request #9)", "pull request #9")]
    [InlineData("tracked in owner/qslm#12", "owner/qslm#12")]
    [InlineData("GH-5 again", "GH-5")]
    public void An_issue_or_pull_request_number_is_caught(string line, string expected)
    {
        Assert.Equal(expected, Assert.Single(WordingRules.IssueNumbers(line)));
    }

    [Theory]
    [InlineData("It chose #148: 1.83 MB, 95.07% smaller than fp32.")]
    [InlineData("Known issues are listed below; 12 boards were checked.")]
    [InlineData("A tissue 4 cm wide")]
    public void A_candidate_number_or_an_unnumbered_issue_is_no_issue_number(string line)
    {
        Assert.Empty(WordingRules.IssueNumbers(line));
    }

    [Theory]
    [InlineData("I measured it on a VM.", "I")]
    [InlineData("Here we deploy the agent.", "we")]
    [InlineData("We deploy the agent.", "We")]
    [InlineData("with our own register access", "our")]
    [InlineData("Let us see.", "us")]
    [InlineData("my board is slow", "my")]
    [InlineData("Is it mine? It is my.", "my")]
    public void A_first_person_word_is_caught(string line, string expected)
    {
        Assert.Equal(expected, Assert.Single(WordingRules.FirstPerson(line)));
    }

    [Theory]
    [InlineData("./qslm search --out runs/my-search")]
    [InlineData("./qslm eval --lm my.pth --no-sst2")]
    [InlineData("I/O and I2C buses; INA219 over I2cDevice")]
    [InlineData("then `N boards: R ready, I infrastructure failures`")]
    [InlineData("the status is bogus; a music box; trust")]
    [InlineData("Sweep over every wearable")]
    public void A_name_a_path_or_code_holding_such_a_word_is_no_first_person(string line)
    {
        Assert.Empty(WordingRules.FirstPerson(line));
    }

    [Theory]
    [InlineData("kept in commit 32404f1 (perplexity 156.63)", "32404f1")]
    [InlineData("`git show 32404f1:models/spikegpt-lm.safetensors`", "32404f1")]
    [InlineData("measured at `828a469d` on the VM", "828a469d")]
    [InlineData("commit 93f958e1c2a4b5d6e7f8091a2b3c4d5e6f708192", "93f958e1c2a4b5d6e7f8091a2b3c4d5e6f708192")]
    public void A_commit_hash_is_caught(string line, string expected)
    {
        Assert.Equal(expected, Assert.Single(WordingRules.CommitHashes(line)));
    }

    [Theory]
    [InlineData("SHA-256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 of the file")]
    [InlineData("24,570,828 bytes, 15667584 parameters")]
    [InlineData("a defaced facade; deadbeef")]
    [InlineData("the model's hash 1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c")]
    [InlineData("models/HASH.part and runs/agents/linux-arm64-0a1b2c3d4e/ and ab12cd3-x")]
    [InlineData("at 0x40ab12cd on the bus")]
    [InlineData("throwaway ed25519 keys")]
    public void A_checksum_a_number_a_word_or_part_of_a_name_is_no_commit_hash(string line)
    {
        Assert.Empty(WordingRules.CommitHashes(line));
    }
}
