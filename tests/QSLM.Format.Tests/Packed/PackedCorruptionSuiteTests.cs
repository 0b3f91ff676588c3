using QSLM.Format.Packed;
using QSLM.Format.Tests.Packed.Damage;

namespace QSLM.Format.Tests.Packed;

/// <summary>
/// The corruption suite through the reader: fifty seeded damaged files of each class. Each is refused
/// with one line that names the file and says why, or, where a re-signed edit left the file entirely
/// consistent, accepted with exactly the tensors of its architecture and every value finite.
/// </summary>
public sealed class PackedCorruptionSuiteTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-suite-");

    public void Dispose() => _temp.Dispose();

    public static TheoryData<DamageClass> Classes => new(Enum.GetValues<DamageClass>());

    [Theory]
    [MemberData(nameof(Classes))]
    public void Every_damaged_file_is_refused_with_one_line_naming_it_or_is_entirely_consistent(DamageClass damage)
    {
        var original = File.ReadAllBytes(DamagedFiles.WriteBase(_temp.File("base.qslm")));
        var files = DamagedFiles.Generate(damage, original).ToList();
        Assert.True(files.Count >= 50);
        var refused = 0;
        foreach (var file in files)
        {
            var path = _temp.File($"{damage}-{file.Seed}.qslm");
            File.WriteAllBytes(path, file.Bytes);
            var error = Record.Exception(() => PackedModel.Open(path).Dispose());
            if (error is null)
            {
                Assert.True(file.MayBeConsistent, $"{file} was accepted");
                AssertEntirelyConsistent(path);
                continue;
            }
            var refusal = Assert.IsType<PackedFileException>(error);
            Assert.StartsWith(path + ": ", refusal.Message);
            Assert.DoesNotContain('\n', refusal.Message);
            Assert.DoesNotContain('\u001b', refusal.Message);
            refused++;
        }
        Assert.True(refused > 0, $"none of the {files.Count} {damage} files was refused");
    }

    [Theory]
    [MemberData(nameof(Classes))]
    public void The_layout_check_never_accepts_what_the_full_check_refuses_for_its_layout(DamageClass damage)
    {
        var original = File.ReadAllBytes(DamagedFiles.WriteBase(_temp.File("base.qslm")));
        foreach (var file in DamagedFiles.Generate(damage, original))
        {
            var path = _temp.File("layout.qslm");
            File.WriteAllBytes(path, file.Bytes);
            var layout = Record.Exception(() => PackedModel.CheckLayout(path));
            Assert.True(layout is null or PackedFileException, $"{file}: {layout}");
            // Whatever the layout check lets through, the full check decides; it must never be fooled the other way.
            if (layout is not null) Assert.Throws<PackedFileException>(() => PackedModel.Open(path).Dispose());
        }
    }

    private static void AssertEntirelyConsistent(string path)
    {
        using var model = PackedModel.Open(path);
        Assert.Null(SpikeGptTensors.Mismatch(model.Manifest.Architecture, model.Manifest.Tensors.Select(t => (t.Name, t.Shape)).ToList()));
        foreach (var t in model.Manifest.Tensors) Assert.All(model.Decode(t.Name), v => Assert.True(float.IsFinite(v), $"{t.Name} decodes to {v}"));
    }
}
