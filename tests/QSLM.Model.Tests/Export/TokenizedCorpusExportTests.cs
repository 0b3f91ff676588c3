using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using QSLM.Data;
using QSLM.Model.Export;
using QSLM.Model.Training;

namespace QSLM.Model.Tests.Export;

/// <summary>The export is what a trainer elsewhere learns from, so it must be exactly the ids,
/// labels and hold-out that <c>qslm train</c> and <c>qslm eval</c> use.</summary>
public sealed class TokenizedCorpusExportTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-export-");
    private static readonly Lazy<Vocabulary> Words = new(() => Vocabulary.FromWikiText(RepositoryFiles.WikiText));

    public void Dispose() => _temp.Dispose();

    private string Export(int holdout, int seed, string name)
    {
        var directory = Path.Combine(_temp.Path, name);
        TokenizedCorpusExport.Write(RepositoryFiles.WikiText, RepositoryFiles.Sst2, directory, holdout, seed);
        return directory;
    }

    private static long[] ReadInt32(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return Enumerable.Range(0, bytes.Length / 4).Select(i => (long)BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(i * 4))).ToArray();
    }

    private static List<(int Label, long[] Tokens)> ReadTsv(string path) =>
        File.ReadAllLines(path).Select(line =>
        {
            var parts = line.Split('\t');
            return (int.Parse(parts[0], CultureInfo.InvariantCulture), parts[1].Split(' ').Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray());
        }).ToList();

    [Fact]
    public void Exported_corpora_are_exactly_what_the_trainers_read()
    {
        var directory = Export(1000, 1, "a");
        var vocabulary = Words.Value;

        Assert.Equal(Enumerable.Range(0, vocabulary.Count).Select(i => vocabulary[i]), File.ReadAllLines(Path.Combine(directory, "vocabulary.txt")));
        foreach (var split in WikiTextCorpus.SplitNames)
            Assert.Equal(WikiTextCorpus.Encode(RepositoryFiles.WikiText, split, vocabulary), ReadInt32(Path.Combine(directory, $"wikitext-2.{split}.i32")));
        Assert.Equal(245_569, ReadInt32(Path.Combine(directory, "wikitext-2.test.i32")).Length);

        var (train, holdout) = Sst2Holdout.Split(Sst2Dataset.Load(Path.Combine(RepositoryFiles.Sst2, "train.tsv"), vocabulary), 1000, 1);
        var dev = Sst2Dataset.Load(Path.Combine(RepositoryFiles.Sst2, "dev.tsv"), vocabulary);
        foreach (var (name, expected) in new[] { ("train", train), ("holdout", holdout), ("dev", dev) })
        {
            var written = ReadTsv(Path.Combine(directory, $"sst2.{name}.tsv"));
            Assert.Equal(expected.Select(e => e.Label), written.Select(w => w.Label));
            Assert.Equal(expected.Select(e => e.Tokens), written.Select(w => w.Tokens));
        }

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "manifest.json")));
        Assert.Equal(vocabulary.Count, manifest.RootElement.GetProperty("vocabulary_size").GetInt32());
        Assert.Equal(vocabulary.Hash(), manifest.RootElement.GetProperty("vocabulary_sha256").GetString());
        Assert.Equal(vocabulary.IdOrUnknown(Vocabulary.EndOfSentence), manifest.RootElement.GetProperty("eos").GetInt32());
        Assert.Equal(872, manifest.RootElement.GetProperty("counts").GetProperty("sst2.dev").GetInt32());
    }

    [Fact]
    public void The_hold_out_follows_the_seed_and_size_it_is_given()
    {
        var first = ReadTsv(Path.Combine(Export(200, 1, "s1"), "sst2.holdout.tsv"));
        var second = ReadTsv(Path.Combine(Export(200, 2, "s2"), "sst2.holdout.tsv"));
        Assert.Equal(200, first.Count);
        Assert.Equal(200, second.Count);
        Assert.NotEqual(first.Select(e => string.Join(' ', e.Tokens)), second.Select(e => string.Join(' ', e.Tokens)));
    }
}
