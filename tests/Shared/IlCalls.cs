using System.Reflection;
using System.Reflection.Emit;

namespace QSLM.Tests.Shared;

/// <summary>Reads the methods an assembly's IL calls, for tests that forbid some calls outside the
/// types allowed to make them (temporary TorchSharp scalars, console writes).</summary>
internal static class IlCalls
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>The methods and constructors <paramref name="type"/> declares.</summary>
    public static IEnumerable<MethodBase> Methods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly).Cast<MethodBase>()
            .Concat(type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly));

    /// <summary>Every method the IL of <paramref name="method"/> calls, in order.</summary>
    public static IEnumerable<MethodBase> Callees(MethodBase method)
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
