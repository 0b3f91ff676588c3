using QSLM.Harness.Search;

namespace QSLM.Harness.Tests;

public sealed class TemporaryScalarTests
{
    [Fact]
    public void No_code_of_the_harness_makes_a_temporary_TorchSharp_scalar_that_the_finalizer_could_free_during_its_call()
    {
        Assert.Empty(TemporaryScalarCalls.In(typeof(SearchRunner).Assembly));
    }
}
