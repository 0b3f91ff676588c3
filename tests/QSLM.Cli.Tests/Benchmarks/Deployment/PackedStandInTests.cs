using QSLM.Benchmarks.Deployment;
using QSLM.Format.Packed;

namespace QSLM.Cli.Tests.Benchmarks.Deployment;

public sealed class PackedStandInTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-stand-in-");

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(3 << 20)]
    [InlineData(31_345_536)]
    public void A_file_that_is_no_packed_model_is_stood_in_for_by_a_valid_one_of_its_size(int size)
    {
        var raw = _temp.File("raw.bin");
        File.WriteAllBytes(raw, new byte[size]);
        var standIn = PackedStandIn.For(raw, _temp.Path);
        Assert.NotEqual(raw, standIn);
        using var model = PackedModel.Open(standIn);
        Assert.InRange(model.FileSize, size - 1024, size + 1024);
    }

    [Fact]
    public void A_packed_model_is_deployed_as_it_is()
    {
        var packed = PackedStandIn.Write(_temp.File("m.qslm"), 100_000);
        Assert.Equal(packed, PackedStandIn.For(packed, _temp.Path));
    }
}
