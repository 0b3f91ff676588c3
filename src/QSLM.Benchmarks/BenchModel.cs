using System.Globalization;
using QSLM.Data;
using QSLM.Errors;
using QSLM.Harness;
using QSLM.Model;
using QSLM.Model.Checkpoints;
using static TorchSharp.torch;

namespace QSLM.Benchmarks;

/// <summary>The language model a runtime benchmark packs: a checkpoint, or a randomly initialised
/// SpikeGPT of a given size (for speed only: a model bigger than the host's caches behaves, for
/// memory traffic, like the reference model on a board whose caches are small).</summary>
internal sealed class BenchModel
{
    private readonly Func<SpikeGpt> _create;

    private BenchModel(string description, Func<SpikeGpt> create)
    {
        Description = description;
        _create = create;
    }

    public string Description { get; }

    public SpikeGpt Create() => _create();

    public static BenchModel FromCheckpoint(string path) => new(path, () =>
    {
        var model = SpikeGptCheckpoint.Load(path);
        if (model.Config.HasLmHead) return model;
        model.Dispose();
        throw new InputException($"{path}: bench runtime needs a language model (head.weight)");
    });

    /// <summary>A SpikeGPT of <paramref name="size"/> = <c>BLOCKSxWIDTH</c>, seeded, with the WikiText-2 vocabulary size.</summary>
    public static BenchModel Synthetic(string size)
    {
        var parts = size.Split('x');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var layers)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var width)
            || layers is < 1 or > 64 || width is < 32 or > 4096 || width % 32 != 0)
        {
            throw new InputException($"--synthetic '{size}' is not BLOCKSxWIDTH with 1..64 blocks and a width of 32..4096 divisible by 32 (e.g. 12x768)");
        }
        var vocabulary = Vocabulary.FromWikiText(RepositoryPaths.WikiText).Count;
        return new BenchModel($"synthetic SpikeGPT L{layers} C{width} V{vocabulary} (random weights, timing only)", () =>
        {
            random.manual_seed(1);
            return new SpikeGpt(new SpikeGptConfig(layers, width, vocabulary));
        });
    }
}
