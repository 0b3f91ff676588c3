using System.CodeDom.Compiler;
using System.Reflection;
using System.Runtime.CompilerServices;
using QSLM.Sensors.Board;
using QSLM.Sensors.Discovery;

namespace QSLM.Sensors.Tests;

/// <summary>The board assembly (what the agent runs) and the host assembly are two separate layers: no namespace is
/// declared in both, and neither sees the other's internals.</summary>
public sealed class SensorAssembliesTests
{
    private static readonly Assembly Board = typeof(SourceTag).Assembly;
    private static readonly Assembly Host = typeof(SensorSpec).Assembly;

    [Fact]
    public void No_namespace_is_declared_in_both_sensor_assemblies()
    {
        var board = Namespaces(Board);
        var host = Namespaces(Host);

        Assert.NotEmpty(board);
        Assert.NotEmpty(host);
        Assert.All(board, n => Assert.StartsWith("QSLM.Sensors.Board", n, StringComparison.Ordinal));
        Assert.Empty(board.Intersect(host));
    }

    [Fact]
    public void Neither_sensor_assembly_grants_its_internals_to_the_other()
    {
        Assert.DoesNotContain(Host.GetName().Name, FriendsOf(Board));
        Assert.DoesNotContain(Board.GetName().Name, FriendsOf(Host));
    }

    // Types a compiler or source generator emits (the regex generator's helpers) are not declared by this code.
    private static HashSet<string> Namespaces(Assembly assembly) =>
        [.. assembly.GetTypes()
            .Select(Outermost)
            .Where(t => t.Namespace is not null && !t.IsDefined(typeof(CompilerGeneratedAttribute)) && !t.IsDefined(typeof(GeneratedCodeAttribute)))
            .Select(t => t.Namespace!)];

    private static Type Outermost(Type type) => type.DeclaringType is { } outer ? Outermost(outer) : type;

    private static string[] FriendsOf(Assembly assembly) =>
        [.. assembly.GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName.Split(',')[0].Trim())];
}
