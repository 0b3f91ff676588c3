using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace QSLM.CommandLine;

/// <summary>A command line that does not parse, told in one line (what, where, why, and where the help
/// is) with exit code 2, in place of System.CommandLine's default: every error, then the whole help,
/// with .NET type names such as <c>System.Nullable`1[System.Int32]</c>.</summary>
public static class ParseErrors
{
    /// <summary>Whether <paramref name="parse"/> failed; <c>--help</c> and <c>--version</c> clear errors and run.</summary>
    public static bool Failed(ParseResult parse) => parse.Errors.Count > 0 && parse.Action is ParseErrorAction or null;

    /// <summary>The one line for <paramref name="parse"/>'s first error, without the program's prefix.
    /// A word that matches nothing comes first: "Required command was not provided" follows from it.</summary>
    public static string Describe(ParseResult parse, string program)
    {
        var error = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
        return $"{Reword(error)} (see {CommandPath(parse, program)} --help)";
    }

    /// <summary>Writes the one line to <paramref name="error"/> and returns <see cref="ExitCodes.BadInput"/>.</summary>
    public static int Report(ParseResult parse, string program, TextWriter error)
    {
        error.WriteLine($"{program}: error: {TerminalText.Printable(Describe(parse, program))}");
        return ExitCodes.BadInput;
    }

    /// <summary>A token that is not of the option's type becomes "--top-k must be a whole number at least 0 …, got 'x'";
    /// other messages (missing or unknown options, the range checks') are already in words.</summary>
    private static string Reword(ParseError error)
    {
        var message = error.Message.Split('\n')[0].Trim();
        if (!message.StartsWith("Cannot parse argument", StringComparison.Ordinal)) return message;
        var (name, type, tokens, range) = error.SymbolResult switch
        {
            OptionResult option => (option.Option.Name, option.Option.ValueType, option.Tokens, NumberRange.RangeOf(option.Option)),
            ArgumentResult { Parent: OptionResult option } argument => (option.Option.Name, argument.Argument.ValueType, argument.Tokens, NumberRange.RangeOf(option.Option)),
            ArgumentResult argument => (argument.Argument.Name, argument.Argument.ValueType, argument.Tokens, null),
            _ => ("", typeof(string), (IReadOnlyList<Token>)[], null),
        };
        // Without the symbol, the message is still cut before its type name.
        if (name.Length == 0)
        {
            var typeAt = message.IndexOf(" as expected type", StringComparison.Ordinal);
            return typeAt < 0 ? message : message[..typeAt].Trim();
        }
        var token = tokens.Count > 0 ? tokens[^1].Value : "";
        return range is null ? $"{name} must be {Expected(type, withBounds: true)}, got '{token}'" : $"{name} must be {Expected(type, withBounds: false)} {range}, got '{token}'";
    }

    /// <summary>What a value of <paramref name="type"/> is, in words.</summary>
    internal static string Expected(Type type, bool withBounds)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsArray) t = t.GetElementType()!;
        if (t.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(t));
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        return Type.GetTypeCode(t) switch
        {
            TypeCode.Int32 when withBounds => string.Create(inv, $"a whole number from {int.MinValue} to {int.MaxValue}"),
            TypeCode.Int64 when withBounds => string.Create(inv, $"a whole number from {long.MinValue} to {long.MaxValue}"),
            TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64 => "a whole number",
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => withBounds ? "a number (such as 0.5 or 1e-3)" : "a number",
            TypeCode.Boolean => "true or false",
            _ => "a valid value",
        };
    }

    private static string CommandPath(ParseResult parse, string program)
    {
        var names = new List<string>();
        for (SymbolResult? r = parse.CommandResult; r is CommandResult command; r = command.Parent)
        {
            if (command.Command is not RootCommand) names.Add(command.Command.Name);
        }
        names.Add(program);
        names.Reverse();
        return string.Join(' ', names);
    }
}
