using System.Reflection;
using QSLM.Cli.Rendering;

namespace QSLM.Cli.Tests.Rendering;

/// <summary>Commands write to the terminal only through <see cref="Terminal"/>: no call of
/// <see cref="Console"/>'s writers or streams, nor of Spectre.Console's static <c>AnsiConsole</c>,
/// anywhere in <c>qslm</c> outside the renderers, nor anywhere in the libraries it runs.</summary>
public sealed class ConsoleWritesTests
{
    private static readonly HashSet<string> ConsoleWriters = ["Write", "WriteLine", "get_Out", "get_Error", "OpenStandardOutput", "OpenStandardError"];

    /// <summary>"Owner.Method calls Type.Member" for every direct console write in <paramref name="assembly"/>,
    /// by the outermost type that holds it (a lambda's or an iterator's code counts for its command).</summary>
    private static List<string> DirectWrites(Assembly assembly) =>
        [.. assembly.GetTypes()
            .SelectMany(type => IlCalls.Methods(type).SelectMany(method => IlCalls.Callees(method)
                .Where(IsConsoleWrite)
                .Select(callee => $"{Outermost(type).FullName}.{method.Name} calls {callee.DeclaringType!.Name}.{callee.Name}")))
            .Distinct()];

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }

    private static bool IsConsoleWrite(MethodBase callee) =>
        callee.DeclaringType == typeof(Console) && ConsoleWriters.Contains(callee.Name)
        || callee.DeclaringType?.FullName == "Spectre.Console.AnsiConsole";

    [Fact]
    public void No_command_writes_to_the_console_except_through_the_renderers()
    {
        var writes = DirectWrites(typeof(Program).Assembly)
            .Where(w => !w.StartsWith(typeof(Terminal).Namespace + ".", StringComparison.Ordinal))
            .ToList();
        Assert.True(writes.Count == 0, "write through QSLM.Cli.Rendering.Terminal instead:\n" + string.Join('\n', writes));
    }

    /// <summary>The product's libraries: each returns results, reports progress through
    /// <see cref="IProgress{T}"/> and logs through an <c>ILogger</c>; the CLI draws them.</summary>
    public static TheoryData<string> Libraries() =>
    [
        "QSLM.Benchmarks", "QSLM.Harness", "QSLM.Search", "QSLM.Boards", "QSLM.Sensors", "QSLM.Sensors.Board",
        "QSLM.Format", "QSLM.Runtime", "QSLM.Model", "QSLM.Data", "QSLM.Protocol", "QSLM.Errors",
    ];

    [Theory]
    [MemberData(nameof(Libraries))]
    public void No_library_writes_to_the_console(string library)
    {
        var writes = DirectWrites(Assembly.Load(new AssemblyName(library)));
        Assert.True(writes.Count == 0, $"{library} writes to the console; return the result or report it through IProgress<T> or ILogger instead:\n" + string.Join('\n', writes));
    }

    private static class WritesDirectly
    {
        public static void Line() => Console.WriteLine("x");

        public static void Error() => Console.Error.WriteLine("x");

        public static void Ansi() => Spectre.Console.AnsiConsole.MarkupLine("x");

        public static Func<string> InALambda() => () =>
        {
            Console.Out.Write('x');
            return "x";
        };
    }

    [Fact]
    public void The_scan_finds_every_kind_of_direct_write_and_names_the_outermost_type()
    {
        var owner = typeof(ConsoleWritesTests).FullName;
        var writes = DirectWrites(typeof(ConsoleWritesTests).Assembly).Where(w => w.StartsWith(owner + ".", StringComparison.Ordinal)).ToList();
        Assert.Contains($"{owner}.Line calls Console.WriteLine", writes);
        Assert.Contains($"{owner}.Error calls Console.get_Error", writes);
        Assert.Contains($"{owner}.Ansi calls AnsiConsole.MarkupLine", writes);
        Assert.Contains(writes, w => w.EndsWith("calls Console.get_Out", StringComparison.Ordinal));
    }
}
