using QSLM.Errors;
namespace QSLM.Data.Tests;

public class VocabularyTests
{
    [Fact]
    public void WikiText2_has_the_standard_vocabulary_and_test_token_count()
    {
        var vocabulary = Vocabulary.FromWikiText(RepositoryFiles.WikiText);
        Assert.Equal(Vocabulary.WikiText2Size, vocabulary.Count);
        Assert.Equal(245_569, WikiTextCorpus.Encode(RepositoryFiles.WikiText, "test", vocabulary).Length);
        Assert.Equal(2_088_628, WikiTextCorpus.Encode(RepositoryFiles.WikiText, "train", vocabulary).Length);
    }

    [Fact]
    public void Missing_split_names_the_file()
    {
        var error = Assert.Throws<InputException>(() => Vocabulary.FromWikiText("/nonexistent/wikitext"));
        Assert.Contains("/nonexistent/wikitext/train.txt", error.Message);
    }
}

public class Sst2DatasetTests
{
    [Fact]
    public void Dev_has_872_labelled_sentences_mapped_onto_wikitext_words()
    {
        var vocabulary = Vocabulary.FromWikiText(RepositoryFiles.WikiText);
        var dev = Sst2Dataset.Load(Path.Combine(RepositoryFiles.Sst2, "dev.tsv"), vocabulary);
        Assert.Equal(872, dev.Count);
        Assert.Equal(444, dev.Count(e => e.Label == 1));
        Assert.Equal("it 's a charming and often affecting journey .", dev[0].Text);
        var unk = vocabulary.IdOrUnknown(Vocabulary.Unknown);
        var coverage = dev.SelectMany(e => e.Tokens).Count(t => t != unk) / (double)dev.Sum(e => e.Tokens.Length);
        Assert.True(coverage > 0.925, $"only {coverage:P1} of SST-2 dev words map to WikiText-2 words");
    }

    [Theory]
    [InlineData("-lrb- film -rrb-", "( film )")]
    [InlineData("paris", "Paris")]
    [InlineData("it does n't work", "it doesn 't work")]
    [InlineData("ca n't", "can 't")]
    [InlineData("a heavy-handed , well-acted film", "a heavy @-@ handed , well @-@ acted film")]
    [InlineData("`` the best '' of the year", "\" the best \" of the year")]
    [InlineData("a-", "<unk>")]
    public void Words_map_to_wikitext_spellings(string sst2, string wikitext)
    {
        var vocabulary = Vocabulary.FromWikiText(RepositoryFiles.WikiText);
        var ids = Sst2Dataset.Tokenize(sst2, vocabulary);
        Assert.Equal(wikitext.Split(' '), ids.Select(i => vocabulary[(int)i]));
    }

    [Fact]
    public void A_malformed_row_names_file_and_line()
    {
        var path = Path.GetTempFileName();
        File.WriteAllLines(path, ["sentence\tlabel", "good film \t1", "no label here"]);
        var vocabulary = Vocabulary.FromWikiText(RepositoryFiles.WikiText);
        var error = Assert.Throws<InputException>(() => Sst2Dataset.Load(path, vocabulary));
        Assert.StartsWith($"{path}:3:", error.Message);
        File.Delete(path);
    }
}
