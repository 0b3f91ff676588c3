using System.Reflection;
using QSLM.Search.Tiers;

namespace QSLM.Search.Tests;

/// <summary>The search runs wherever its evaluator does: it reaches the model (and libtorch) only
/// through <see cref="ICandidateEvaluator"/>, never by reference.</summary>
public sealed class AssemblyReferencesTests
{
    [Fact]
    public void The_search_assembly_references_neither_the_model_nor_TorchSharp_even_transitively()
    {
        var closure = Closure(typeof(TieredSearch).Assembly);
        Assert.Contains("QSLM.Format", closure);
        Assert.DoesNotContain(closure, name => name == "QSLM.Model" || name.StartsWith("TorchSharp", StringComparison.Ordinal) || name.StartsWith("libtorch", StringComparison.Ordinal));
    }

    // Every assembly name reachable by reference from root, framework assemblies not followed.
    private static HashSet<string> Closure(Assembly root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { root.GetName().Name! };
        var pending = new Stack<Assembly>([root]);
        while (pending.TryPop(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (!seen.Add(reference.Name!) || IsFramework(reference.Name!)) continue;
                pending.Push(Assembly.Load(reference));
            }
        }
        return seen;
    }

    private static bool IsFramework(string name) =>
        name is "netstandard" or "mscorlib" || name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal);
}
