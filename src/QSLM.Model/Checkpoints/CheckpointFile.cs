using QSLM.Errors;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace QSLM.Model.Checkpoints;

/// <summary>
/// Reads and writes state dicts by name: safetensors (Hugging Face's format) and PyTorch
/// <c>.pt</c>/<c>.pth</c> pickles, both through TorchSharp.PyBridge.
/// </summary>
public static class CheckpointFile
{
    /// <summary>Reads every tensor of <paramref name="path"/>; the format follows the extension.</summary>
    public static Dictionary<string, Tensor> Read(string path)
    {
        if (!File.Exists(path)) throw new InputException($"checkpoint not found: {path}");
        try
        {
            return FormatOf(path) switch
            {
                CheckpointFormat.Safetensors => Safetensors.LoadStateDict(path),
                _ => ReadPickle(path),
            };
        }
        catch (Exception e) when (e is not InputException)
        {
            throw new InputException($"cannot read checkpoint {path}: {FirstLine(e.Message)}", e);
        }
    }

    /// <summary>Writes <paramref name="tensors"/> to <paramref name="path"/> atomically (a temporary
    /// file renamed into place), so a crash never leaves a half-written checkpoint.</summary>
    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        var dict = tensors.ToDictionary(kv => kv.Key, kv => kv.Value.contiguous());
        if (FormatOf(path) == CheckpointFormat.Safetensors)
        {
            Safetensors.SaveStateDict(temporary, dict);
        }
        else
        {
            PyTorchPickler.PickleStateDict(temporary, dict);
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The format implied by a file name.</summary>
    public static CheckpointFormat FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".safetensors" => CheckpointFormat.Safetensors,
        ".pt" or ".pth" or ".bin" => CheckpointFormat.PyTorch,
        var other => throw new InputException($"{path}: unknown checkpoint extension '{other}' (use .safetensors, .pt or .pth)"),
    };

    private static Dictionary<string, Tensor> ReadPickle(string path)
    {
        using var stream = File.OpenRead(path);
        var raw = PyTorchUnpickler.UnpickleStateDict(stream);
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var key in raw.Keys)
        {
            if (raw[key] is Tensor t) result[(string)key] = t;
        }
        return result;
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}

/// <summary>On-disk checkpoint formats.</summary>
public enum CheckpointFormat
{
    /// <summary>Hugging Face safetensors.</summary>
    Safetensors,

    /// <summary>A PyTorch <c>torch.save(state_dict)</c> pickle.</summary>
    PyTorch,
}
