namespace QSLM.Model.Tests.Training;

/// <summary>A learnable WikiText-shaped corpus: each line counts up from a random start over 30
/// words <c>w0..w29</c>, so the next word is predictable from the current one.</summary>
internal static class TinyCorpus
{
    public static string Write(string parent)
    {
        var corpus = Path.Combine(parent, "corpus");
        Directory.CreateDirectory(corpus);
        var rng = new Random(3);
        string Line()
        {
            var start = rng.Next(30);
            return " " + string.Join(' ', Enumerable.Range(0, 12).Select(i => "w" + (start + i) % 30)) + " ";
        }
        File.WriteAllLines(Path.Combine(corpus, "train.txt"), Enumerable.Range(0, 60).Select(_ => Line()));
        File.WriteAllLines(Path.Combine(corpus, "valid.txt"), Enumerable.Range(0, 5).Select(_ => Line()));
        File.WriteAllLines(Path.Combine(corpus, "test.txt"), Enumerable.Range(0, 5).Select(_ => Line()));
        return corpus;
    }
}
