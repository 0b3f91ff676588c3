using QSLM.Errors;
using QSLM.Model.Checkpoints;
using QSLM.Model.Tensors;
using static TorchSharp.torch;

namespace QSLM.Model.Training;

/// <summary>
/// An exponential moving average of a model's trainable weights (Polyak and Juditsky, 1992,
/// "Acceleration of stochastic approximation by averaging"; the warm-up of the decay follows
/// TensorFlow's <c>ExponentialMovingAverage</c> with <c>num_updates</c>). Fine-tuning on a small
/// set such as SST-2 leaves the last iterates noisy; evaluating the average instead of the last
/// iterate removes most of that noise at no training cost.
/// </summary>
public sealed class WeightAverage : IDisposable
{
    private readonly double _decay;
    private readonly Dictionary<string, Tensor> _average;
    private readonly Dictionary<string, Tensor> _weights;

    /// <summary>Starts an average of the trainable parameters of <paramref name="model"/> at their current values.</summary>
    /// <param name="model">The model being trained.</param>
    /// <param name="decay">Weight of the old average per update, in [0, 1).</param>
    public WeightAverage(SpikeGpt model, double decay)
    {
        if (decay is < 0 or >= 1 || double.IsNaN(decay))
            throw new InputException(FormattableString.Invariant($"weight-average decay {decay} is outside [0, 1)"));
        _decay = decay;
        _weights = model.named_parameters().Where(p => p.parameter.requires_grad).ToDictionary(p => p.name, p => (Tensor)p.parameter);
        using var _ = no_grad();
        _average = _weights.ToDictionary(p => p.Key, p => p.Value.detach().clone());
    }

    /// <summary>File in a run directory that keeps the average across a resume.</summary>
    public static string PathIn(string runDirectory) => Path.Combine(runDirectory, "average.safetensors");

    /// <summary>Folds the current weights into the average; <paramref name="step"/> (1-based)
    /// shortens the memory early on, so the first updates do not stay dominated by the start.</summary>
    public void Update(int step)
    {
        var decay = Math.Min(_decay, (1.0 + step) / (10.0 + step));
        using var _ = no_grad();
        // The wrappers each in-place operation returns are freed here, on this thread.
        using var scope = NewDisposeScope();
        foreach (var (name, weight) in _weights)
            _average[name].TimesInPlace(decay).PlusInPlace(weight, alpha: 1 - decay);
    }

    /// <summary>Puts the averaged weights into the model until the returned handle is disposed,
    /// which puts the trained weights back.</summary>
    public IDisposable Apply()
    {
        using var _ = no_grad();
        var saved = _weights.ToDictionary(p => p.Key, p => p.Value.detach().clone());
        foreach (var (name, weight) in _weights) weight.copy_(_average[name]);
        return new Restore(_weights, saved);
    }

    /// <summary>Writes the average atomically.</summary>
    public void Save(string path) => CheckpointFile.Write(path, _average);

    /// <summary>Replaces the average with one saved by <see cref="Save"/>.</summary>
    public void Load(string path)
    {
        var saved = CheckpointFile.Read(path);
        using var _ = no_grad();
        foreach (var (name, average) in _average)
        {
            if (!saved.TryGetValue(name, out var value) || !value.shape.SequenceEqual(average.shape))
                throw new InputException($"{path}: weight average lacks {name} or has the wrong shape");
            average.copy_(value);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var tensor in _average.Values) tensor.Dispose();
    }

    private sealed class Restore(Dictionary<string, Tensor> weights, Dictionary<string, Tensor> saved) : IDisposable
    {
        public void Dispose()
        {
            using var _ = no_grad();
            foreach (var (name, weight) in weights)
            {
                weight.copy_(saved[name]);
                saved[name].Dispose();
            }
        }
    }
}
