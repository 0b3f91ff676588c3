using System.Globalization;
using QSLM.Errors;

namespace QSLM.Data;

/// <summary>One SST-2 sentence as WikiText-2 token ids, with its label (1 positive, 0 negative).</summary>
public sealed record Sst2Example(string Text, long[] Tokens, int Label);

/// <summary>
/// SST-2 (Socher et al., EMNLP 2013; GLUE, Wang et al. 2019) read from GLUE's TSV
/// (<c>sentence&lt;TAB&gt;label</c>) and mapped onto the WikiText-2 vocabulary. SST-2 is lower-cased
/// and PTB-tokenized like WikiText (<c>does n't</c>, <c>'s</c>), but WikiText keeps case, so each
/// word maps to: itself if WikiText has it, else its capitalised form, else its upper-cased form;
/// PTB brackets <c>-lrb-</c>/<c>-rrb-</c> map to <c>(</c>/<c>)</c>; PTB's <c>was n't</c> becomes
/// WikiText's <c>wasn 't</c> (and <c>ca n't</c> → <c>can 't</c>); PTB's quotes <c>``</c> and
/// <c>''</c> become WikiText's <c>"</c>; a hyphenated word WikiText lacks is split the way WikiText
/// splits it (<c>heavy-handed</c> → <c>heavy @-@ handed</c>, Merity et al. 2016), each part mapped
/// by the same rules; anything else is <c>&lt;unk&gt;</c>.
/// </summary>
public static class Sst2Dataset
{
    /// <summary>Reads <paramref name="path"/> and maps every sentence.</summary>
    public static IReadOnlyList<Sst2Example> Load(string path, Vocabulary vocabulary)
    {
        if (!File.Exists(path)) throw new InputException($"SST-2 file not found: {path}");
        var examples = new List<Sst2Example>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (lineNumber == 1) continue; // header
            if (line.Length == 0) continue;
            var tab = line.LastIndexOf('\t');
            if (tab < 0 || !int.TryParse(line.AsSpan(tab + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var label) || label is not (0 or 1))
                throw new InputException($"{path}:{lineNumber}: expected 'sentence<TAB>0|1'");
            var text = line[..tab].Trim();
            examples.Add(new Sst2Example(text, Tokenize(text, vocabulary), label));
        }
        return examples;
    }

    /// <summary>Maps a lower-cased, PTB-tokenized sentence onto vocabulary ids.</summary>
    public static long[] Tokenize(string text, Vocabulary vocabulary)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count == 0) words.Add(Vocabulary.Unknown);
        var ids = new List<long>(words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i] == "n't" && i > 0 && TryMap(words[i - 1] + "n", vocabulary, out var merged) && vocabulary.TryGetId("'t", out var apostropheT))
            {
                ids[^1] = merged;
                ids.Add(apostropheT);
                continue;
            }
            AddWord(words[i], vocabulary, ids);
        }
        return ids.ToArray();
    }

    private static void AddWord(string word, Vocabulary vocabulary, List<long> ids)
    {
        word = word switch
        {
            "-lrb-" => "(",
            "-rrb-" => ")",
            "-lsb-" => "[",
            "-rsb-" => "]",
            "``" or "''" => "\"",
            _ => word,
        };
        if (TryMap(word, vocabulary, out var id))
        {
            ids.Add(id);
            return;
        }
        var parts = word.Split('-');
        if (parts.Length > 1 && vocabulary.TryGetId(HyphenToken, out var hyphen) && parts.All(p => p.Length > 0))
        {
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0) ids.Add(hyphen);
                ids.Add(TryMap(parts[i], vocabulary, out var part) ? part : vocabulary.IdOrUnknown(Vocabulary.Unknown));
            }
            return;
        }
        ids.Add(vocabulary.IdOrUnknown(Vocabulary.Unknown));
    }

    // WikiText-2 writes an intra-word hyphen as its own token.
    private const string HyphenToken = "@-@";

    private static bool TryMap(string word, Vocabulary vocabulary, out int id) =>
        vocabulary.TryGetId(word, out id)
        || vocabulary.TryGetId(char.ToUpperInvariant(word[0]) + word[1..], out id)
        || vocabulary.TryGetId(word.ToUpperInvariant(), out id);
}
