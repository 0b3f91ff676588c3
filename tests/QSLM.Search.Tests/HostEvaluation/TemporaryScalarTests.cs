using QSLM.Search.HostEvaluation;

namespace QSLM.Search.Tests.HostEvaluation;

public sealed class TemporaryScalarTests
{
    [Fact]
    public void No_code_of_the_search_makes_a_temporary_TorchSharp_scalar_that_the_finalizer_could_free_during_its_call()
    {
        Assert.Empty(TemporaryScalarCalls.In(typeof(HostEvaluator).Assembly));
    }
}
