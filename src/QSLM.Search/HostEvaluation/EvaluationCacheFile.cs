using System.Text;

namespace QSLM.Search.HostEvaluation;

/// <summary>
/// The file behind <see cref="EvaluationCache"/>: one <see cref="CachedEvaluation"/> line per
/// evaluation, under a header. There is one instance per file in a process (<see cref="Open"/>
/// shares it), and every read or write of the file, in any process, holds the exclusive lock on
/// <c>FILE.lock</c>. Each record is appended as one whole line in one write and flushed to the disk,
/// so a killed writer leaves at most a torn last line. Damaged lines (torn, garbage, or not a record)
/// are reported through the warning callback, dropped, and the file is rewritten without them
/// (a temporary file renamed over it, under the lock): a damaged cache costs evaluations, never a search.
/// </summary>
public sealed class EvaluationCacheFile
{
    private static readonly Dictionary<string, EvaluationCacheFile> Shared = new(StringComparer.Ordinal);
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(60);
    private readonly Dictionary<string, CachedEvaluation> _known = new(StringComparer.Ordinal);
    private readonly string _lockPath;
    private int _users;

    private EvaluationCacheFile(string path)
    {
        Path = path;
        _lockPath = path + ".lock";
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>Opens the cache file <paramref name="path"/>, or shares this process's instance of it;
    /// each open is released once by <see cref="Release"/>. Damaged lines found while loading are
    /// told to <paramref name="warn"/>, one line each.</summary>
    /// <exception cref="IOException">The file cannot be read or written, or its lock was held elsewhere too long.</exception>
    public static EvaluationCacheFile Open(string path, Action<string>? warn = null)
    {
        var full = System.IO.Path.GetFullPath(path);
        lock (Shared)
        {
            if (!Shared.TryGetValue(full, out var file))
            {
                file = new EvaluationCacheFile(full);
                file.Load(warn);
                Shared[full] = file;
            }
            file._users++;
            return file;
        }
    }

    /// <summary>Ends one <see cref="Open"/>; the last one forgets the instance.</summary>
    public void Release()
    {
        lock (Shared)
        {
            if (--_users == 0) Shared.Remove(Path);
        }
    }

    /// <summary>The cached evaluation of <paramref name="precisions"/> (compact form), if any.</summary>
    public bool TryGet(string precisions, out CachedEvaluation evaluation)
    {
        lock (_known) return _known.TryGetValue(precisions, out evaluation!);
    }

    /// <summary>Records an evaluation: one whole line appended under the lock and flushed to the disk.</summary>
    public void Add(CachedEvaluation evaluation)
    {
        var line = Encoding.UTF8.GetBytes(evaluation.ToLine());
        lock (_known)
        {
            _known[evaluation.Precisions] = evaluation;
            using var held = ExclusiveFileLock.Acquire(_lockPath, LockTimeout);
            using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
            if (file.Length == 0) file.Write(Encoding.UTF8.GetBytes(CachedEvaluation.Header + "\n"));
            file.Write(line);
            file.Flush(flushToDisk: true);
        }
    }

    private void Load(Action<string>? warn)
    {
        using var held = ExclusiveFileLock.Acquire(_lockPath, LockTimeout);
        if (!File.Exists(Path)) return;
        var text = Encoding.UTF8.GetString(File.ReadAllBytes(Path));
        if (text.Length == 0) return;
        var lines = text.Split('\n');
        var damaged = 0;
        void Drop(int number, string why)
        {
            damaged++;
            warn?.Invoke($"evaluation cache {Path}, line {number}: {why}; the line is dropped and the cache rewritten without it");
        }
        if (lines[0] != CachedEvaluation.Header) Drop(1, $"not the header '{CachedEvaluation.Header}'");
        // The text after the last newline is a line whose writer did not finish it (or nothing).
        for (var i = 1; i < lines.Length; i++)
        {
            var last = i == lines.Length - 1;
            if (last && lines[i].Length == 0) break;
            if (CachedEvaluation.TryParse(lines[i], out var problem) is { } row && !last) _known[row.Precisions] = row;
            else Drop(i + 1, last ? "torn (no newline at the end of the file)" : problem!);
        }
        if (damaged > 0) Rewrite();
    }

    private void Rewrite()
    {
        var temporary = $"{Path}.{Environment.ProcessId}.tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            var text = new StringBuilder(CachedEvaluation.Header).Append('\n');
            foreach (var row in _known.Values) text.Append(row.ToLine());
            file.Write(Encoding.UTF8.GetBytes(text.ToString()));
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, Path, overwrite: true);
    }
}
