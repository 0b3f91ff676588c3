using QSLM.Model.Tensors;
using static TorchSharp.torch;

namespace QSLM.Model.Training;

/// <summary>
/// Word dropout for a fine-tuned classifier: each input token is replaced by <c>&lt;unk&gt;</c> with
/// probability p while training, so the classifier cannot lean on a few words it has memorised
/// (Iyyer et al., "Deep Unordered Composition Rivals Syntactic Methods for Text Classification",
/// ACL 2015, §3.3). The mask comes from torch's global generator, which the trainer seeds per step,
/// so a resumed run drops the same words.
/// </summary>
public static class WordDropout
{
    /// <summary><paramref name="ids"/> with each token replaced by <paramref name="unknownId"/> with
    /// probability <paramref name="probability"/>; the same tensor when it is 0.</summary>
    public static Tensor Apply(Tensor ids, double probability, long unknownId)
    {
        if (probability is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(probability), probability, "word dropout must be in [0, 1)");
        if (probability == 0) return ids;
        var drop = rand(ids.shape).Below(probability);
        return where(drop, ScalarArithmetic.FilledLike(ids, unknownId), ids);
    }
}
