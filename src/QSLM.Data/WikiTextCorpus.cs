using QSLM.Errors;
namespace QSLM.Data;

/// <summary>
/// WikiText-2 (tokenized, with <c>&lt;unk&gt;</c>) as a stream of word ids, one <c>&lt;eos&gt;</c>
/// per line, as PyTorch's <c>word_language_model</c> reads it: the test split is 245,569 tokens.
/// </summary>
public static class WikiTextCorpus
{
    /// <summary>Split names, in the order the vocabulary is built from them.</summary>
    public static readonly IReadOnlyList<string> SplitNames = ["train", "valid", "test"];

    /// <summary>The file of a split: <c>DIR/SPLIT.txt</c>.</summary>
    public static string PathOf(string corpusDirectory, string split)
    {
        var path = Path.Combine(corpusDirectory, split + ".txt");
        if (!File.Exists(path))
            throw new InputException($"WikiText-2 {split} split not found: {path} (expected data/wikitext-2/{split}.txt)");
        return path;
    }

    /// <summary>The tokens of one line: its words, then <c>&lt;eos&gt;</c>.</summary>
    public static IEnumerable<string> Words(string line)
    {
        foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries)) yield return word;
        yield return Vocabulary.EndOfSentence;
    }

    /// <summary>Reads a split as token ids.</summary>
    public static long[] Encode(string corpusDirectory, string split, Vocabulary vocabulary)
    {
        var ids = new List<long>();
        foreach (var line in File.ReadLines(PathOf(corpusDirectory, split)))
        {
            foreach (var word in Words(line))
            {
                if (!vocabulary.TryGetId(word, out var id))
                    throw new InputException($"{PathOf(corpusDirectory, split)}: word '{word}' is not in the vocabulary");
                ids.Add(id);
            }
        }
        return ids.ToArray();
    }
}
