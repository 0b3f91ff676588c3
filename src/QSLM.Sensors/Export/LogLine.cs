namespace QSLM.Sensors.Export;

/// <summary>
/// One line of a log as an import sees it: its 1-based number and its text. A line longer than
/// <see cref="LogLines.MaxChars"/> keeps only its start, with <see cref="IsTooLong"/> set, so that no line
/// is ever held whole in memory; no log format has lines anywhere near that long.
/// </summary>
public readonly record struct LogLine(int Number, string Text, bool IsTooLong = false);
