using System.Reflection;
using System.Reflection.Emit;

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
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private static readonly Dictionary<MethodBase, bool> MakesTemporary = [];

    /// <summary>"Type.Method calls TorchSharp's X" for every such call in <paramref name="assembly"/>'s own methods.</summary>
    public static IReadOnlyList<string> In(Assembly assembly, string? allowedOwner = null)
    {
        var found = new List<string>();
        foreach (var type in assembly.GetTypes())
        {
            var owner = type;
            while (owner.DeclaringType is not null) owner = owner.DeclaringType;
            foreach (var method in Methods(type))
            {
                foreach (var callee in Callees(method))
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
        var result = depth < 6 && !IsScalarFactory(method) && Callees(method).Any(c =>
            c.DeclaringType?.Assembly.GetName().Name == "TorchSharp" && (IsScalarFactory(c) || MakesTemporaryScalar(c, depth + 1)));
        MakesTemporary[method] = result;
        return result;
    }

    private static IEnumerable<MethodBase> Methods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly).Cast<MethodBase>()
            .Concat(type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly));

    private static IEnumerable<MethodBase> Callees(MethodBase method)
    {
        byte[]? il;
        try
        {
            il = method.GetMethodBody()?.GetILAsByteArray();
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or BadImageFormatException)
        {
            il = null;
        }
        if (il is null) yield break;
        var typeArguments = method.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var at = 0; at < il.Length;)
        {
            var value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            var opCode = OpCodesByValue[value];
            at += opCode.Size;
            if (opCode.OperandType == OperandType.InlineMethod)
            {
                var token = BitConverter.ToInt32(il, at);
                MethodBase? callee;
                try
                {
                    callee = method.Module.ResolveMethod(token, typeArguments, methodArguments);
                }
                catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException or FileNotFoundException)
                {
                    callee = null;
                }
                if (callee is not null) yield return callee;
            }
            at += opCode.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
                _ => 4,
            };
        }
    }
}
