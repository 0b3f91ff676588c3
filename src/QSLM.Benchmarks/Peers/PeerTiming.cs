namespace QSLM.Benchmarks.Peers;

/// <summary>One shape and pair of <see cref="MatMulNBitsPeer"/>: microseconds per product on each side.</summary>
public sealed record PeerTiming(int Rows, int Columns, int Threads, string Format, double OursMicroseconds, string Peer, double PeerMicroseconds, double RelativeDifference)
{
    /// <summary>How many times faster QSLM's kernel is (above 1: faster than the peer).</summary>
    public double Speedup => PeerMicroseconds / OursMicroseconds;
}
