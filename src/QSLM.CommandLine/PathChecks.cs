using System.CommandLine;
using System.CommandLine.Parsing;

namespace QSLM.CommandLine;

/// <summary>Checks on the paths a command line names, applied when it is parsed: a folder given as a
/// file, a file given as a folder, or a place that cannot be written is refused with one line naming
/// the option and the path, before any work (a search, a measurement) is done and then lost.</summary>
public static class PathChecks
{
    /// <summary>The path, when given, must be a file that can be created or overwritten.</summary>
    /// <param name="option">The option.</param>
    /// <param name="createsFolder">The command creates the file's folder when it is missing.</param>
    public static Option<T> WritableFile<T>(this Option<T> option, bool createsFolder = false) where T : class?
    {
        option.Validators.Add(result => Check(result, result.Option.Name, path => FileProblem(path, createsFolder)));
        return option;
    }

    /// <summary>The path, when given, must be a folder that exists or can be created, and can be written into.</summary>
    public static Option<T> WritableFolder<T>(this Option<T> option) where T : class?
    {
        option.Validators.Add(result => Check(result, result.Option.Name, FolderProblem));
        return option;
    }

    /// <summary>The path, when given, must not be a folder (it is read as a file).</summary>
    public static Option<T> NotAFolder<T>(this Option<T> option) where T : class?
    {
        option.Validators.Add(result => Check(result, result.Option.Name, ReadableFileProblem));
        return option;
    }

    /// <summary>The path must not be a folder (it is read as a file).</summary>
    public static Argument<T> NotAFolder<T>(this Argument<T> argument) where T : class?
    {
        argument.Validators.Add(result => Check(result, argument.Name, ReadableFileProblem));
        return argument;
    }

    /// <summary>Why <paramref name="path"/> cannot be written as a file, or null when it can.</summary>
    public static string? FileProblem(string path, bool createsFolder = false)
    {
        if (Directory.Exists(path)) return $"{path} is a folder, not a file";
        var parent = Path.GetDirectoryName(Path.GetFullPath(path));
        if (parent is not null && File.Exists(parent)) return $"{parent} is a file, not a folder";
        if (parent is not null && !Directory.Exists(parent)) return createsFolder ? FolderProblem(parent) : $"the folder {parent} does not exist";
        // Opened the way the command will open it, without writing: an existing file keeps its bytes, a new one is removed again.
        return File.Exists(path)
            ? Probe(path, () => new FileStream(path, FileMode.Open, FileAccess.Write).Dispose())
            : Probe(path, () => new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose).Dispose());
    }

    /// <summary>Why <paramref name="path"/> cannot be written as a folder, or null when it can.</summary>
    public static string? FolderProblem(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full)) return $"{path} is a file, not a folder";
        var existing = full;
        while (!Directory.Exists(existing))
        {
            var parent = Path.GetDirectoryName(existing);
            if (parent is null) return null;
            if (File.Exists(parent)) return $"{parent} is a file, not a folder";
            existing = parent;
        }
        var probe = Path.Combine(existing, $".qslm-write-check-{Environment.ProcessId}");
        var problem = Probe(existing, () => new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose).Dispose());
        return problem is null ? null : problem.Replace(existing + " cannot be written", $"cannot write into {existing}", StringComparison.Ordinal);
    }

    private static string? ReadableFileProblem(string path) => Directory.Exists(path) ? $"{path} is a folder, not a file" : null;

    private static string? Probe(string path, Action open)
    {
        try
        {
            open();
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return $"{path} cannot be written (permission denied or a read-only file system)";
        }
        catch (IOException e)
        {
            return $"{path} cannot be written ({FirstLine(e.Message)})";
        }
    }

    private static void Check(SymbolResult result, string name, Func<string, string?> problem)
    {
        if (result.Tokens.Count == 0) return;
        var path = result.Tokens[^1].Value;
        if (path.Length > 0 && problem(path) is { } why) result.AddError($"{name}: {why}");
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
