using QSLM.Errors;

namespace QSLM.History.Store;

/// <summary>A history store this QSLM cannot use: written by a newer QSLM (a later schema version), or not a QSLM
/// history at all. Input, not infrastructure: the user named the wrong store or needs a newer QSLM.</summary>
public sealed class HistorySchemaException(string message, Exception? inner = null) : InputException(message, inner);
