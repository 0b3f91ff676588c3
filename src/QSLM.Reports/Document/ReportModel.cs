namespace QSLM.Reports.Document;

/// <summary>A model as the report names it.</summary>
/// <param name="Label">Its label in the checks (<c>baseline</c>, <c>candidate</c>, a file name).</param>
/// <param name="Path">The file.</param>
/// <param name="Sha256">Its SHA-256.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Description">Its formats or precisions in words.</param>
public sealed record ReportModel(string Label, string Path, string Sha256, long Bytes, string? Description);
