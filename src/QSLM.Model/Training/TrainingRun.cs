using System.Text.Json;
using System.Text.Json.Serialization;
using QSLM.Errors;

namespace QSLM.Model.Training;

/// <summary>
/// What a training run was started with and how far it got, kept beside its checkpoint as
/// <c>run.json</c> so that a resumed run continues exactly where it stopped.
/// </summary>
public sealed record TrainingRun
{
    /// <summary>Kind of run: <c>lm</c> or <c>sst2</c>.</summary>
    public required string Task { get; init; }

    /// <summary>Seed of every random choice of the run.</summary>
    public required int Seed { get; init; }

    /// <summary>Network depth.</summary>
    public required int Layers { get; init; }

    /// <summary>Network width.</summary>
    public required int Width { get; init; }

    /// <summary>Sequences per step.</summary>
    public required int Batch { get; init; }

    /// <summary>Tokens per sequence (truncated back-propagation length for the LM).</summary>
    public required int Length { get; init; }

    /// <summary>Total optimizer steps of the run.</summary>
    public required int Steps { get; init; }

    /// <summary>Peak learning rate.</summary>
    public required double LearningRate { get; init; }

    /// <summary>Dropout on the pooled sentence features while fine-tuning a classifier (0 = none).</summary>
    public double Dropout { get; init; }

    /// <summary>Whole training sentences held out, by a seeded draw, to select the classifier's
    /// checkpoint (0 = keep the final model); see <see cref="Sst2Holdout"/>. SST-2 dev is never
    /// used for selection.</summary>
    public int Holdout { get; init; }

    /// <summary>Decay of the exponential moving average of the weights that a classifier run
    /// evaluates and keeps (0 = no average; 0.995 remembers about the last 200 steps).</summary>
    public double Ema { get; init; }

    /// <summary>Probability that a classifier run replaces a training token by <c>&lt;unk&gt;</c>
    /// (<see cref="WordDropout"/>; 0 = none).</summary>
    public double WordDropout { get; init; }

    /// <summary>Steps completed.</summary>
    public int Step { get; init; }

    /// <summary>Tokens consumed so far.</summary>
    public long Tokens { get; init; }

    /// <summary>Wall-clock seconds spent training so far, over all sessions.</summary>
    public double Seconds { get; init; }

    /// <summary>Mean training loss over the last logging interval.</summary>
    public double Loss { get; init; }

    /// <summary>Best validation metric so far (perplexity for the LM, accuracy for SST-2).</summary>
    public double? BestValidation { get; init; }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Reads <c>run.json</c> from <paramref name="directory"/>, if there is one.</summary>
    public static TrainingRun? TryRead(string directory)
    {
        var path = Path.Combine(directory, "run.json");
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<TrainingRun>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InputException($"{path}: unreadable training state ({e.Message})", e);
        }
    }

    /// <summary>Writes <c>run.json</c> atomically.</summary>
    public void Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "run.json");
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
        File.Move(temporary, path, overwrite: true);
    }
}
