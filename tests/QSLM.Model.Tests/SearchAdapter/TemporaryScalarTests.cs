using QSLM.Model.SearchAdapter;
using QSLM.Model.Tensors;

namespace QSLM.Model.Tests.SearchAdapter;

public sealed class TemporaryScalarTests
{
    [Fact]
    public void No_code_of_the_search_adapter_makes_a_temporary_TorchSharp_scalar_that_the_finalizer_could_free_during_its_call()
    {
        var adapter = typeof(HostEvaluator).Namespace + ".";
        Assert.DoesNotContain(TemporaryScalarCalls.In(typeof(HostEvaluator).Assembly, allowedOwner: typeof(ScalarArithmetic).FullName),
            call => call.StartsWith(adapter, StringComparison.Ordinal));
    }
}
