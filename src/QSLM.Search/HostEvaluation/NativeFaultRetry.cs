using System.Runtime.InteropServices;
using QSLM.Search.Hierarchy;
using QSLM.Search.Tiers;

namespace QSLM.Search.HostEvaluation;

/// <summary>
/// Evaluates a candidate once more when libtorch raised an internal error during the evaluation.
/// Such errors ("Expected false to be true", "Unknown scalar type") surfaced through TorchSharp 3 times
/// in about 20 long host searches on a loaded 2-core host, were never reproduced alone, and their cause
/// is not found. <see cref="HostEvaluator"/> copies every weight afresh for each evaluation, so a second
/// attempt computes what a rerun of the command would; a fault that repeats is thrown, and the search
/// stops and resumes from its log.
/// </summary>
/// <param name="inner">The torch evaluation.</param>
/// <param name="warn">Told each retried fault, one line naming the candidate and libtorch's first line.</param>
public sealed class NativeFaultRetry(ICandidateEvaluator inner, Action<string>? warn = null) : ICandidateEvaluator
{
    /// <summary>Attempts after the first per evaluation.</summary>
    public const int Retries = 1;

    /// <summary>Evaluations that hit a native fault and were attempted again.</summary>
    public int Retried { get; private set; }

    /// <inheritdoc />
    public Evaluation Evaluate(Precisions precisions)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return inner.Evaluate(precisions);
            }
            catch (ExternalException e) when (attempt < Retries)
            {
                Retried++;
                warn?.Invoke($"a native fault during the evaluation of {precisions.Compact} ({e.Message.Split('\n')[0].Trim()}); evaluating it again");
            }
        }
    }
}
