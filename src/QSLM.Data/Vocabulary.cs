using System.Security.Cryptography;
using System.Text;

namespace QSLM.Data;

/// <summary>
/// The WikiText-2 word-level vocabulary (Merity et al., "Pointer Sentinel Mixture Models",
/// arXiv:1609.07843), built the way PyTorch's <c>word_language_model</c> builds it: words in order
/// of first appearance in train, then valid, then test, each line followed by <c>&lt;eos&gt;</c>.
/// The standard vocabulary has 33,278 types.
/// </summary>
public sealed class Vocabulary
{
    /// <summary>End-of-line token appended to every line.</summary>
    public const string EndOfSentence = "<eos>";

    /// <summary>WikiText's out-of-vocabulary token.</summary>
    public const string Unknown = "<unk>";

    /// <summary>Size of the standard WikiText-2 vocabulary.</summary>
    public const int WikiText2Size = 33_278;

    private readonly Dictionary<string, int> _ids;
    private readonly List<string> _words;

    private Vocabulary(List<string> words)
    {
        _words = words;
        _ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < words.Count; i++) _ids[words[i]] = i;
    }

    /// <summary>Number of types.</summary>
    public int Count => _words.Count;

    /// <summary>The word of an id.</summary>
    public string this[int id] => _words[id];

    /// <summary>Builds the vocabulary from the three WikiText-2 splits under <paramref name="corpusDirectory"/>.</summary>
    public static Vocabulary FromWikiText(string corpusDirectory)
    {
        var words = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var split in WikiTextCorpus.SplitNames)
        {
            foreach (var line in File.ReadLines(WikiTextCorpus.PathOf(corpusDirectory, split)))
            {
                foreach (var word in WikiTextCorpus.Words(line))
                {
                    if (seen.Add(word)) words.Add(word);
                }
            }
        }
        return new Vocabulary(words);
    }

    /// <summary>The id of <paramref name="word"/>, if the vocabulary has it.</summary>
    public bool TryGetId(string word, out int id) => _ids.TryGetValue(word, out id);

    /// <summary>The id of <paramref name="word"/>, or of <c>&lt;unk&gt;</c>.</summary>
    public int IdOrUnknown(string word) => _ids.TryGetValue(word, out var id) ? id : _ids[Unknown];

    /// <summary>SHA-256 over the words joined by newlines: identifies the vocabulary a model was trained on.</summary>
    public string Hash()
    {
        var bytes = Encoding.UTF8.GetBytes(string.Join('\n', _words));
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
