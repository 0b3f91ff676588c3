using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using QSLM.Data;
using QSLM.Model.Training;

namespace QSLM.Model.Export;

/// <summary>What <see cref="TokenizedCorpusExport.Write"/> wrote.</summary>
public sealed record TokenizedCorpusSummary(int VocabularySize, string VocabularyHash, IReadOnlyDictionary<string, long> Counts);

/// <summary>
/// Writes WikiText-2 and SST-2 exactly as QSLM's trainers see them (<see cref="WikiTextCorpus"/>,
/// <see cref="Sst2Dataset"/>, the seeded <see cref="Sst2Holdout"/>), so that a SpikeGPT trained
/// elsewhere (a GPU trainer in PyTorch) uses the same vocabulary ids, tokenization and hold-out, and
/// its checkpoint loads here unchanged. Files: <c>vocabulary.txt</c> (line n = id n);
/// <c>wikitext-2.SPLIT.i32</c> (little-endian int32 ids, one <c>&lt;eos&gt;</c> per line);
/// <c>sst2.{train,holdout,dev}.tsv</c> (<c>label&lt;TAB&gt;id id …</c>); <c>manifest.json</c>.
/// </summary>
public static class TokenizedCorpusExport
{
    /// <summary>Exports into <paramref name="outputDirectory"/>, holding out <paramref name="holdout"/>
    /// SST-2 training sentences drawn with <paramref name="seed"/>, as <c>qslm train sst2</c> does.</summary>
    public static TokenizedCorpusSummary Write(string wikiTextDirectory, string sst2Directory, string outputDirectory, int holdout, int seed)
    {
        var vocabulary = Vocabulary.FromWikiText(wikiTextDirectory);
        // Everything that can be refused is read before anything is written.
        var (train, held, dev) = Sst2Holdout.Load(sst2Directory, vocabulary, holdout, seed);
        var splits = WikiTextCorpus.SplitNames.ToDictionary(s => s, s => WikiTextCorpus.Encode(wikiTextDirectory, s, vocabulary));
        Directory.CreateDirectory(outputDirectory);
        File.WriteAllLines(Path.Combine(outputDirectory, "vocabulary.txt"), Enumerable.Range(0, vocabulary.Count).Select(i => vocabulary[i]), new UTF8Encoding(false));

        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var split in WikiTextCorpus.SplitNames)
        {
            var ids = splits[split];
            WriteInt32(Path.Combine(outputDirectory, $"wikitext-2.{split}.i32"), ids);
            counts[$"wikitext-2.{split}"] = ids.Length;
        }

        foreach (var (name, examples) in new[] { ("train", train), ("holdout", held), ("dev", dev) })
        {
            File.WriteAllLines(Path.Combine(outputDirectory, $"sst2.{name}.tsv"),
                examples.Select(e => e.Label.ToString(CultureInfo.InvariantCulture) + "\t" + string.Join(' ', e.Tokens.Select(t => t.ToString(CultureInfo.InvariantCulture)))),
                new UTF8Encoding(false));
            counts[$"sst2.{name}"] = examples.Count;
        }

        var summary = new TokenizedCorpusSummary(vocabulary.Count, vocabulary.Hash(), counts);
        var manifest = new
        {
            vocabulary_size = vocabulary.Count,
            vocabulary_sha256 = summary.VocabularyHash,
            eos = vocabulary.IdOrUnknown(Vocabulary.EndOfSentence),
            unk = vocabulary.IdOrUnknown(Vocabulary.Unknown),
            sst2_holdout = holdout,
            sst2_holdout_seed = seed,
            counts,
        };
        File.WriteAllText(Path.Combine(outputDirectory, "manifest.json"), JsonSerializer.Serialize(manifest, new JsonSerializerOptions { WriteIndented = true }));
        return summary;
    }

    private static void WriteInt32(string path, long[] ids)
    {
        var bytes = new byte[ids.Length * sizeof(int)];
        for (var i = 0; i < ids.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * sizeof(int)), checked((int)ids[i]));
        File.WriteAllBytes(path, bytes);
    }
}
