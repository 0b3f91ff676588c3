namespace QSLM.Search.Hierarchy;

/// <summary>A block of the hierarchy: <c>input</c> (embedding and <c>ln0</c>), <c>blocks.N</c>, or
/// <c>output</c> (<c>ln_out</c> and the heads), with its modules.</summary>
public sealed record ModelBlock(string Name, IReadOnlyList<ModelModule> Modules)
{
    /// <summary>Weights in the block.</summary>
    public long Parameters => Modules.Sum(m => m.Parameters);

    /// <summary>The modules whose precision the search chooses.</summary>
    public IEnumerable<ModelModule> Searchable => Modules.Where(m => m.IsMatrix);
}
