using System.Reflection;

namespace QSLM.Tests.Shared;

/// <summary>
/// Finds, in the IL of an assembly, every call that leaves a TorchSharp <c>Scalar</c> to the finalizer
/// while libtorch may still read it: a Scalar is a native object freed by its finalizer, TorchSharp
/// passes only its handle to libtorch, and a temporary Scalar is unreachable from that moment on, so
/// a garbage collection during the call lets the finalizer thread free it under libtorch ("Expected
/// false to be true, but got false", "Unknown scalar type"). Reported: direct conversions to Scalar
/// (implicit operators, <c>ToScalar</c>) outside the one type allowed to make and dispose them, and calls of TorchSharp
/// methods that make such a temporary inside (<c>a + b</c> is <c>a.add(b, 1)</c>, a Scalar 1).
/// </summary>
internal static class TemporaryScalarCalls
{
    private static readonly Dictionary<MethodBase, bool> MakesTemporary = [];

    /// <summary>"Type.Method calls TorchSharp's X" for every such call in <paramref name="assembly"/>'s own methods.</summary>
    public static IReadOnlyList<string> In(Assembly assembly, string? allowedOwner = null)
    {
        var found = new List<string>();
        foreach (var type in assembly.GetTypes())
        {
            var owner = type;
            while (owner.DeclaringType is not null) owner = owner.DeclaringType;
            foreach (var method in IlCalls.Methods(type))
            {
                foreach (var callee in IlCalls.Callees(method))
                {
                    if (callee.DeclaringType?.Assembly.GetName().Name != "TorchSharp") continue;
                    var direct = IsScalarFactory(callee);
                    if (direct ? owner.FullName != allowedOwner : MakesTemporaryScalar(callee, 0))
                        found.Add($"{type.FullName}.{method.Name} calls {callee.DeclaringType!.Name}.{callee.Name}({string.Join(", ", callee.GetParameters().Select(p => p.ParameterType.Name))})");
                }
            }
        }
        return found.Distinct().ToList();
    }

    private static bool IsScalarFactory(MethodBase method) =>
        method is MethodInfo info && info.ReturnType.FullName == "TorchSharp.Scalar"
        || method is ConstructorInfo && method.DeclaringType?.FullName == "TorchSharp.Scalar";

    private static bool MakesTemporaryScalar(MethodBase method, int depth)
    {
        if (MakesTemporary.TryGetValue(method, out var known)) return known;
        MakesTemporary[method] = false; // recursion guard
        var result = depth < 6 && !IsScalarFactory(method) && IlCalls.Callees(method).Any(c =>
            c.DeclaringType?.Assembly.GetName().Name == "TorchSharp" && (IsScalarFactory(c) || MakesTemporaryScalar(c, depth + 1)));
        MakesTemporary[method] = result;
        return result;
    }
}
