using System.Reflection;
using QSLM.Agent.Sensors;

namespace QSLM.Agent.Tests;

/// <summary>The agent runs on boards TorchSharp has no build for: nothing it loads may reference TorchSharp.</summary>
public sealed class DependencyClosureTests
{
    [Fact]
    public void The_agents_dependency_closure_has_no_TorchSharp_and_holds_the_board_sensors()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<AssemblyName>([typeof(OnboardSensors).Assembly.GetName()]);
        while (pending.TryPop(out var name))
        {
            if (!seen.Add(name.Name!)) continue;
            foreach (var reference in Assembly.Load(name).GetReferencedAssemblies()) pending.Push(reference);
        }

        Assert.Contains("QSLM.Sensors.Board", seen);
        Assert.Contains("QSLM.Protocol", seen);
        Assert.DoesNotContain(seen, n => n.StartsWith("TorchSharp", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("QSLM.Model", seen);
        Assert.DoesNotContain("QSLM.Sensors", seen);
    }
}
