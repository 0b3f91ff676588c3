namespace QSLM.Model.Training;

/// <summary>
/// Derives independent seeds from a run's seed, the same in every process. (<see cref="HashCode"/>
/// is randomised per process, so seeds built from it change on every start and a resumed run would
/// see other batches, another hold-out and other dropout masks.) The mix is SplitMix64's finaliser
/// (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014).
/// </summary>
public static class Seeds
{
    /// <summary>A non-negative seed for random stream <paramref name="stream"/> of a run seeded with <paramref name="seed"/>.</summary>
    public static int Derive(int seed, int stream)
    {
        var z = ((ulong)(uint)seed << 32 | (uint)stream) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }

    /// <summary>Stream of the hold-out draw.</summary>
    public const int HoldoutStream = -1;

    /// <summary>Stream of the dropout masks of step 0; step s uses <c>DropoutStream + s</c>.</summary>
    public const int DropoutStream = 1 << 30;
}
