using QSLM.Format.Tests.Packed;
using QSLM.Format.Tests.Packed.Damage;

namespace QSLM.Cli.Tests.Commands;

/// <summary>A sample of the corruption suite through the real <c>qslm inspect</c>: exit 2, one line naming
/// the file and the reason, no crash, no hang, no raw escape sequence.</summary>
public sealed class InspectDamagedFileTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-inspect-damaged-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_sample_of_damaged_files_each_exits_2_with_one_line_naming_the_file()
    {
        foreach (var (_, path) in DamagedFiles.RefusedSampleOfEachClass(_temp.Path))
        {
            OneLineError.Assert(QslmProcess.Run("inspect", path), path + ": ");
        }
    }

    [Fact]
    public void A_tensor_name_holding_an_escape_sequence_never_reaches_the_terminal_raw()
    {
        var path = DamagedFiles.WriteBase(_temp.File("escape.qslm"));
        PackedForge.Forge(path, m => m with { Tensors = m.Tensors.Select(t => t.Name == "ln_out.bias" ? t with { Name = "\u001b]0;owned\u0007\u001b[2J" } : t).ToList() });
        var result = QslmProcess.Run("inspect", path);
        OneLineError.Assert(result, "\\u001b]0;owned\\u0007\\u001b[2J");
        Assert.DoesNotContain('\u001b', result.StdErr + result.StdOut);
    }
}
