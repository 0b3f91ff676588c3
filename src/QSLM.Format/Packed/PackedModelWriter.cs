using System.Security.Cryptography;
using QSLM.Format.Codecs;

namespace QSLM.Format.Packed;

/// <summary>Writes a packed model file (layout: <see cref="PackedFileLayout"/>) atomically: to a
/// temporary file renamed into place, so a crash never leaves a partial model under the name. It writes
/// only what <see cref="PackedModel.Open"/> accepts: exactly the tensors of the architecture
/// (<see cref="SpikeGptTensors"/>), every stored number finite.</summary>
public static class PackedModelWriter
{
    /// <summary>A tensor with its values, to be encoded in its spec's format.</summary>
    public sealed record TensorData(PackedFileLayout.TensorSpec Spec, float[] Values);

    /// <summary>Encodes and writes <paramref name="tensors"/>; returns the manifest written. Throws
    /// <see cref="ArgumentException"/> when the tensors are not exactly those of <paramref name="architecture"/>
    /// or a value is not finite.</summary>
    public static PackedManifest Write(string path, ArchitectureConfig architecture, string vocabularyHash, IReadOnlyList<TensorData> tensors, QuantizeOptions? options = null)
    {
        if (SpikeGptTensors.Mismatch(architecture, tensors.Select(t => (t.Spec.Name, t.Spec.Shape)).ToList()) is { } mismatch)
            throw new ArgumentException($"cannot pack these tensors: {mismatch}", nameof(tensors));
        var encoded = tensors.Select(t => QuantCodecs.Encode(t.Spec.Format, t.Values, checked((int)t.Spec.Rows), checked((int)t.Spec.Columns), options)).ToList();
        for (var i = 0; i < tensors.Count; i++)
        {
            var spec = tensors[i].Spec;
            if (FiniteValues.FirstNonFinite(spec.Format, encoded[i], spec.Rows, spec.Columns) >= 0)
                throw new ArgumentException($"cannot pack {spec.Name}: it holds a value that is not finite in {spec.Format.Name}", nameof(tensors));
        }
        var planned = PackedFileLayout.PlanManifest(architecture, vocabularyHash, tensors.Select(t => t.Spec).ToList());
        var manifest = planned with
        {
            Tensors = planned.Tensors.Select((e, i) => e with { Crc32 = PackedFileLayout.Crc32Text(encoded[i]) }).ToList(),
        };
        var json = PackedFileLayout.SerializeManifest(manifest);
        var payloadLength = PackedFileLayout.PayloadLength(manifest);
        var payloadStart = PackedFileLayout.PayloadStart(json.Length);

        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                void Put(ReadOnlySpan<byte> bytes)
                {
                    stream.Write(bytes);
                    sha.AppendData(bytes);
                }

                var header = new byte[PackedFileLayout.HeaderBytes];
                PackedFileLayout.WriteHeader(header, json.Length, payloadLength);
                Put(header);
                Put(json);
                Put(new byte[payloadStart - PackedFileLayout.HeaderBytes - json.Length]);
                long written = 0;
                for (var i = 0; i < encoded.Count; i++)
                {
                    Put(new byte[manifest.Tensors[i].Offset - written]);
                    Put(encoded[i]);
                    written = manifest.Tensors[i].Offset + encoded[i].Length;
                }
                stream.Write(sha.GetHashAndReset());
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
        return manifest;
    }
}
