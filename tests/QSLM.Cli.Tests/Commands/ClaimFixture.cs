using System.Globalization;
using QSLM.Data;
using QSLM.Harness;
using QSLM.Model;
using QSLM.Model.Checkpoints;

namespace QSLM.Cli.Tests.Commands;

/// <summary>
/// A small SST-2 classifier of the host's vocabulary (one block, 16 wide, no language-model head, so that the emulated
/// board runs thousands of tokens in a window and a window's energy is not one token more or less), packed at fp32 and int8, and one packed for another vocabulary: the files the claim
/// tests compare, with the SHA-256 a simulated board prices each by.
/// </summary>
public sealed class ClaimFixture : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-claim-models-");

    public ClaimFixture()
    {
        Checkpoint = _temp.File("small-classifier.safetensors");
        using (var model = new SpikeGpt(new SpikeGptConfig(1, 16, Vocabulary.FromWikiText(RepositoryPaths.WikiText).Count, HasLmHead: false, ClassCount: 2)))
            SpikeGptCheckpoint.Save(model, Checkpoint);
        Fp32 = Pack(Checkpoint, "*=fp32", "fp32.qslm");
        Int8 = Pack(Checkpoint, "*=int8", "int8.qslm");
        var other = _temp.File("other-vocabulary.safetensors");
        using (var model = new SpikeGpt(new SpikeGptConfig(1, 16, 50, HasLmHead: false, ClassCount: 2)))
            SpikeGptCheckpoint.Save(model, other);
        OtherVocabulary = Pack(other, "*=int8", "other-vocabulary.qslm");
    }

    /// <summary>The host checkpoint.</summary>
    public string Checkpoint { get; }

    /// <summary>It packed at fp32: the file <c>--baseline fp32 --model</c> packs too.</summary>
    public string Fp32 { get; }

    /// <summary>It packed at int8.</summary>
    public string Int8 { get; }

    /// <summary>A model of 50 words packed at int8: not the host's vocabulary.</summary>
    public string OtherVocabulary { get; }

    public void Dispose() => _temp.Dispose();

    /// <summary>A bench with one emulated arm64 board named <paramref name="board"/> whose simulated Jetson idles at 1 W and
    /// prices the baseline's tokens at <paramref name="baselineJoules"/> and the candidate's at <paramref name="candidateJoules"/>.</summary>
    public string Bench(string folder, string board, double baselineJoules, double candidateJoules, double windowNoise = 0, int noiseSeed = 1, bool emulated = true)
    {
        var models = string.Create(CultureInfo.InvariantCulture,
            $"\"models\": {{ \"{Sha256(Fp32)}\": {{ \"joulesPerToken\": {baselineJoules} }}, \"{Sha256(Int8)}\": {{ \"joulesPerToken\": {candidateJoules} }} }}, \"windowNoise\": {windowNoise}, \"noiseSeed\": {noiseSeed}");
        SimulatedBoardFiles.Write(Path.Combine(folder, board + ".json"), "claim-test", "jetson-ina3221", idleWatts: 1, extra: models);
        var bench = Path.Combine(folder, board + ".yaml");
        File.WriteAllText(bench, $"bench: claim\nboards:\n  - name: {board}\n    profile: simulated-jetson{(emulated ? "-arm64" : "")}\n    link: local\n{(emulated ? "    emulator: qemu-aarch64\n" : "")}    simulated_board: {board}.json\n");
        return bench;
    }

    /// <summary>The file's SHA-256, as the board's agent stores it.</summary>
    public static string Sha256(string path) => QSLM.Harness.Search.SearchManifest.Sha256(path);

    private string Pack(string checkpoint, string assign, string name)
    {
        var path = _temp.File(name);
        var pack = QslmProcess.Run("pack", "--checkpoint", checkpoint, "--assign", assign, "-o", path);
        if (pack.ExitCode != 0) throw new InvalidOperationException(pack.StdOut + pack.StdErr);
        return path;
    }
}
