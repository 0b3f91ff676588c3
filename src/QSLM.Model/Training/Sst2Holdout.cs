using QSLM.Data;
using QSLM.Errors;

namespace QSLM.Model.Training;

/// <summary>
/// Holds whole sentences of SST-2 train out of fine-tuning to choose the checkpoint. SST-2 train is
/// every phrase of the Stanford Sentiment Treebank's parse trees (Socher et al., EMNLP 2013), while
/// dev holds whole sentences only, so a random draw of training examples is mostly short phrases
/// whose sentences are still being trained on: it rewards memorising phrases and picks late,
/// over-fitted checkpoints. Here the held-out examples are long (whole sentences, like dev), drawn
/// by a seeded shuffle, and every training example that is part of a held-out sentence or contains
/// one is removed from training, so nothing of a held-out sentence is learnt.
/// </summary>
public static class Sst2Holdout
{
    /// <summary>Fewest words of an example that may be held out (dev's median is 19).</summary>
    public const int MinimumWords = 15;

    /// <summary>SST-2's splits as the trainers and the corpus export see them: <c>train.tsv</c> of
    /// <paramref name="sst2Directory"/> split by <see cref="Split"/>, and <c>dev.tsv</c>.</summary>
    public static (IReadOnlyList<Sst2Example> Train, IReadOnlyList<Sst2Example> Holdout, IReadOnlyList<Sst2Example> Dev) Load(string sst2Directory, Vocabulary vocabulary, int count, int seed)
    {
        var (train, holdout) = Split(Sst2Dataset.Load(Path.Combine(sst2Directory, "train.tsv"), vocabulary), count, seed);
        return (train, holdout, Sst2Dataset.Load(Path.Combine(sst2Directory, "dev.tsv"), vocabulary));
    }

    /// <summary>Splits <paramref name="all"/> into training and <paramref name="count"/> held-out
    /// sentences; the same seed always holds out the same sentences, in any process.</summary>
    public static (IReadOnlyList<Sst2Example> Train, IReadOnlyList<Sst2Example> Holdout) Split(IReadOnlyList<Sst2Example> all, int count, int seed)
    {
        var texts = all.Select(e => Normalise(e.Text)).ToArray();
        var candidates = Enumerable.Range(0, all.Count).Where(i => WordCount(texts[i]) >= MinimumWords).ToArray();
        if (count < 0 || count > candidates.Length / 2)
            throw new InputException(FormattableString.Invariant(
                $"hold-out of {count} sentences is outside 0..{candidates.Length / 2} (half the {candidates.Length} training examples of at least {MinimumWords} words)"));
        if (count == 0) return (all, []);

        new Random(Seeds.Derive(seed, Seeds.HoldoutStream)).Shuffle(candidates);
        var held = new List<int>(count);
        var heldTexts = new List<string>(count);
        foreach (var i in candidates)
        {
            if (held.Count == count) break;
            // A candidate inside or around an already held-out sentence would hold out the same words twice.
            if (heldTexts.Any(h => h.Contains(texts[i], StringComparison.Ordinal) || texts[i].Contains(h, StringComparison.Ordinal))) continue;
            held.Add(i);
            heldTexts.Add(texts[i]);
        }

        var spans = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in heldTexts) AddSpans(text, spans);
        var heldSet = held.ToHashSet();
        var train = new List<Sst2Example>(all.Count);
        for (var i = 0; i < all.Count; i++)
        {
            if (heldSet.Contains(i) || spans.Contains(texts[i])) continue;
            if (WordCount(texts[i]) > MinimumWords && heldTexts.Any(h => texts[i].Contains(h, StringComparison.Ordinal))) continue;
            train.Add(all[i]);
        }
        return (train, held.Select(i => all[i]).ToList());
    }

    // " w1 w2 … " so that containment respects word boundaries.
    private static string Normalise(string text) => " " + string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries)) + " ";

    private static int WordCount(string normalised) => normalised.Count(c => c == ' ') - 1;

    // Every contiguous run of words of the sentence, normalised.
    private static void AddSpans(string sentence, HashSet<string> spans)
    {
        var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var start = 0; start < words.Length; start++)
        {
            for (var end = start + 1; end <= words.Length; end++)
                spans.Add(" " + string.Join(' ', words, start, end - start) + " ");
        }
    }
}
