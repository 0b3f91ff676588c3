namespace QSLM.Sensors.Board.Parsing;

/// <summary>A line a parser could not use: kept with its number and the reason, so a log is never silently shortened.</summary>
public sealed record SkippedLine(int LineNumber, string Text, string Reason);

/// <summary>What a log parser made of a text: the parsed items in order and every line it skipped.</summary>
public sealed record ParsedLog<T>(IReadOnlyList<T> Items, IReadOnlyList<SkippedLine> Skipped)
{
    /// <summary>Runs <paramref name="tryParse"/> on every non-blank line; a null result with a reason skips the line.</summary>
    public static ParsedLog<T> Parse(IEnumerable<string> lines, Func<string, (T? Item, string? Reason)> tryParse)
    {
        var items = new List<T>();
        var skipped = new List<SkippedLine>();
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var (item, reason) = tryParse(line);
            if (item is not null) items.Add(item);
            else if (reason is not null) skipped.Add(new SkippedLine(number, line, reason));
        }
        return new ParsedLog<T>(items, skipped);
    }
}
