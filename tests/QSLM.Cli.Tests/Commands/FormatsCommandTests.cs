namespace QSLM.Cli.Tests.Commands;

public sealed class FormatsCommandTests
{
    [Fact]
    public void Formats_says_which_formats_quantize_a_products_inputs()
    {
        var result = InProcess.Run("formats");

        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        var rows = result.StdOut.Split('\n').Select(line => line.Split('│', StringSplitOptions.TrimEntries)).Where(cells => cells.Length > 7).ToList();
        Assert.Equal("int8/g32", rows.Single(cells => cells[2] == "int4_g32_a8")[7]);
        Assert.Equal("int8/g32", rows.Single(cells => cells[2] == "sign1_a8")[7]);
        Assert.Equal("float", rows.Single(cells => cells[2] == "int4_g32")[7]);
    }
}
