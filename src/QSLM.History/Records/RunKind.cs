namespace QSLM.History.Records;

/// <summary>What a run of the history did.</summary>
public enum RunKind
{
    /// <summary><c>qslm search</c>: the tiered search over precisions.</summary>
    Search,

    /// <summary><c>qslm claim</c>: a power claim validated on a board.</summary>
    Claim,

    /// <summary><c>qslm qualify</c>: models qualified per board.</summary>
    Qualify,

    /// <summary><c>qslm regress</c>: a run compared with a baseline run.</summary>
    Regress,
}
