using QSLM.Errors;
using QSLM.Model.Checkpoints;
using TorchSharp;

namespace QSLM.Model.Training;

/// <summary>
/// A training run's directory: <c>model.safetensors</c> (fp32), <c>optimizer.bin</c> and
/// <c>run.json</c>, each replaced atomically, the run state last, so a run killed at any moment
/// resumes from the last complete save.
/// </summary>
public static class TrainingCheckpoint
{
    /// <summary>Path of the model inside a run directory.</summary>
    public static string ModelPath(string directory) => Path.Combine(directory, "model.safetensors");

    private static string OptimizerPath(string directory) => Path.Combine(directory, "optimizer.bin");

    private static string StatePath(string directory) => Path.Combine(directory, "state.safetensors");

    /// <summary>Saves model, optimizer and run state.</summary>
    public static void Save(string directory, SpikeGpt model, TorchSharp.Modules.OptimizerHelper optimizer, TrainingRun run, SpikeGptState? carried = null)
    {
        Directory.CreateDirectory(directory);
        SpikeGptCheckpoint.Save(model, ModelPath(directory));
        if (carried is not null)
        {
            var tensors = new Dictionary<string, torch.Tensor>();
            for (var layer = 0; layer < carried.Layers.Count; layer++)
            {
                var parts = carried.Layers[layer].Tensors;
                for (var i = 0; i < parts.Count; i++) tensors[$"{layer}.{i}"] = parts[i];
            }
            CheckpointFile.Write(StatePath(directory), tensors);
        }
        var optimizerTemporary = OptimizerPath(directory) + ".tmp";
        optimizer.save_state_dict(optimizerTemporary);
        File.Move(optimizerTemporary, OptimizerPath(directory), overwrite: true);
        run.Write(directory);
    }

    /// <summary>The recurrent state carried between LM training steps, if the run saved one.</summary>
    public static SpikeGptState? RestoreState(string directory, SpikeGptConfig config)
    {
        if (!File.Exists(StatePath(directory))) return null;
        var tensors = CheckpointFile.Read(StatePath(directory));
        var layers = new Layers.LayerState[config.Layers];
        for (var layer = 0; layer < config.Layers; layer++)
        {
            var t = Enumerable.Range(0, 7).Select(i => tensors.TryGetValue($"{layer}.{i}", out var v) ? v
                : throw new InputException($"{StatePath(directory)}: missing state tensor {layer}.{i}")).ToArray();
            layers[layer] = new Layers.LayerState(t[0], t[1], t[2], t[3], t[4], t[5], t[6]);
        }
        return new SpikeGptState(layers);
    }

    /// <summary>Restores model and optimizer saved by <see cref="Save"/>.</summary>
    public static void Restore(string directory, SpikeGpt model, TorchSharp.Modules.OptimizerHelper optimizer)
    {
        var tensors = CheckpointFile.Read(ModelPath(directory));
        SpikeGptCheckpoint.Assign(model, tensors, ModelPath(directory));
        if (File.Exists(OptimizerPath(directory))) optimizer.load_state_dict(OptimizerPath(directory));
    }
}
