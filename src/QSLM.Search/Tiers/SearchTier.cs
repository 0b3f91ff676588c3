namespace QSLM.Search.Tiers;

/// <summary>Which step of the search evaluated a candidate.</summary>
public enum SearchTier
{
    /// <summary>The fp32 model every change is measured against.</summary>
    Baseline,

    /// <summary>One precision for every searchable module.</summary>
    Global,

    /// <summary>One block (or module) changed from fp32, to measure its sensitivity.</summary>
    Sensitivity,

    /// <summary>A block lowered or raised from the global choice.</summary>
    Block,

    /// <summary>A module lowered or raised inside its block.</summary>
    Module,
}
