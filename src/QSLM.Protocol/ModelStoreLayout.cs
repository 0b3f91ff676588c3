namespace QSLM.Protocol;

/// <summary>
/// How the agent's model store is laid out under its root folder: <c>models/HASH.part</c> while a model
/// arrives, <c>models/HASH.qslm</c> once every byte is there and checked. The agent keeps its store so and
/// a host that writes into it by another route (SFTP) writes the same names; both take them from here.
/// Every name is built from a validated hash (<see cref="ModelHash.Require"/>), so none reaches outside the folder.
/// </summary>
public static class ModelStoreLayout
{
    /// <summary>The store's folder under the agent's root.</summary>
    public const string Folder = "models";

    /// <summary>Extension of a partial copy, appended to until it is whole.</summary>
    public const string PartialExtension = ".part";

    /// <summary>Extension of a complete model.</summary>
    public const string CompleteExtension = ".qslm";

    /// <summary>File name of the partial copy of the model with SHA-256 <paramref name="sha256"/>.</summary>
    public static string PartialFileName(string sha256) => ModelHash.Require(sha256) + PartialExtension;

    /// <summary>File name of the complete model with SHA-256 <paramref name="sha256"/>.</summary>
    public static string CompleteFileName(string sha256) => ModelHash.Require(sha256) + CompleteExtension;
}
