using QSLM.Search.Hierarchy;
using QSLM.Search.Synthetic;
using QSLM.Search.Tests.Hierarchy;

namespace QSLM.Search.Tests.HostEvaluation;

/// <summary>Distinct candidates of one small hierarchy, the same in the test and in its child processes.</summary>
internal static class CacheCandidates
{
    public static readonly ModelHierarchy Hierarchy = ModelHierarchyTests.Of(3, 32, vocab: 400, lmHead: false, classes: 2);

    /// <summary>Every uniform candidate, then every candidate that lowers one module of int8.</summary>
    public static IReadOnlyList<Precisions> All { get; } =
        SyntheticEvaluator.Menu.Select(f => Precisions.Uniform(Hierarchy, f))
            .Concat(Hierarchy.Searchable.SelectMany(m => SyntheticEvaluator.Menu.Skip(1).Select(f => Precisions.Uniform(Hierarchy, SyntheticEvaluator.Menu[0]).WithModule(m.Name, f))))
            .ToList();
}
