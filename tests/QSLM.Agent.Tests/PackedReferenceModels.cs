using QSLM.Data;
using QSLM.Format.Formats;
using QSLM.Model.Checkpoints;
using QSLM.Model.Quantization;

namespace QSLM.Agent.Tests;

/// <summary>The reference checkpoints packed once per test run (int4 everywhere), for the agent to run.</summary>
public sealed class PackedReferenceModels : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-agent-models-");

    public PackedReferenceModels()
    {
        var hash = Vocabulary.FromWikiText(RepositoryFiles.WikiText).Hash();
        var int4 = PrecisionAssignment.Parse("*=int4");
        using (var lm = SpikeGptCheckpoint.Load(RepositoryFiles.ReferenceLm)) ModelPacker.Pack(lm, int4, hash, Lm);
        using (var sst2 = SpikeGptCheckpoint.Load(RepositoryFiles.ReferenceSst2, RepositoryFiles.ReferenceLm)) ModelPacker.Pack(sst2, int4, hash, Sst2);
    }

    public string Lm => _temp.File("lm-int4.qslm");

    public string Sst2 => _temp.File("sst2-int4.qslm");

    public string Folder => _temp.Path;

    public static string Data => Path.Combine(RepositoryFiles.Root, "data");

    public void Dispose() => _temp.Dispose();
}
