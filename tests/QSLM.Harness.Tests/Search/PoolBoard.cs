using QSLM.Errors;
using QSLM.Format.Formats;
using QSLM.Search.Board;
using QSLM.Search.Hierarchy;
using QSLM.Search.Tiers;
using QSLM.Sensors.Board;

namespace QSLM.Harness.Tests.Search;

/// <summary>A stand-in board of a pool: its figures follow the candidate alone (so any board gives the same), it fails
/// for infrastructure from its measurement numbered <see cref="FailsAt"/> on, and each measurement may wait on
/// <see cref="Before"/> first, so a test decides which board finishes first without timing anything.</summary>
internal sealed class PoolBoard(string name) : IBoardMeasurer
{
    private int _calls;

    public string Board => name;

    public int FailsAt { get; init; } = int.MaxValue;

    public Func<Candidate, Task> Before { get; init; } = _ => Task.CompletedTask;

    public List<int> Measured { get; } = [];

    private readonly TaskCompletionSource _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when this board has first failed, so another board's <see cref="Before"/> can wait for it.</summary>
    public Task Failed => _failed.Task;

    public async Task<BoardMeasurement> MeasureAsync(Candidate candidate, CancellationToken cancellationToken)
    {
        await Before(candidate);
        cancellationToken.ThrowIfCancellationRequested();
        if (Interlocked.Increment(ref _calls) - 1 >= FailsAt)
        {
            _failed.TrySetResult();
            throw new InfrastructureFailureException($"{name}: the link went down");
        }
        lock (Measured) Measured.Add(candidate.Id);
        return new BoardMeasurement(candidate.Metric, 1, candidate.Bytes, 2 + candidate.Bytes / 1e6, 0.01, 0.002, SourceTag.Simulated("pool-board"));
    }

    private static readonly ModelHierarchy Hierarchy = ModelHierarchy.FromTensors(ReferenceLayout.For(1, 8, 16, false, 2).Select(kv => (kv.Key, kv.Value)));

    /// <summary>A candidate numbered <paramref name="id"/>, its bytes following its number.</summary>
    public static Candidate Candidate(int id) =>
        new(id, SearchTier.Global, Precisions.Uniform(Hierarchy, QuantFormats.Get("int8")), 0.8, 1000L * id, 0, true);
}
