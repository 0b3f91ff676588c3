using System.Globalization;

namespace QSLM.Boards.Benchmarks;

/// <summary>Model deployment over SSH against a plain SFTP upload of the same file, in the same run.</summary>
/// <param name="Bytes">Size of the model.</param>
/// <param name="PlainSftp">Wall time of the plain SFTP upload.</param>
/// <param name="Deploy">Wall time of putting the model on the board: hashing it on the host, SFTP into the agent's store, the
/// agent's SHA-256 check, the move into place; the host's hash is already known (see <paramref name="HostHash"/>).</param>
/// <param name="HostHash">Wall time of the host's SHA-256 of the file, paid once per file.</param>
public sealed record DeployBenchmarkResult(long Bytes, TimeSpan PlainSftp, TimeSpan Deploy, TimeSpan HostHash)
{
    /// <summary>Plain SFTP throughput in MB/s (10^6 bytes).</summary>
    public double PlainMegabytesPerSecond => Bytes / PlainSftp.TotalSeconds / 1e6;

    /// <summary>Deployment throughput in MB/s (10^6 bytes).</summary>
    public double DeployMegabytesPerSecond => Bytes / Deploy.TotalSeconds / 1e6;

    /// <summary>Deployment throughput as a share of plain SFTP's (issue 5's target: at least 0.8).</summary>
    public double Ratio => PlainSftp.TotalSeconds / Deploy.TotalSeconds;

    /// <summary>The same with the host's hash counted in the deployment (a file deployed once, never hashed before).</summary>
    public double RatioWithHostHash => PlainSftp.TotalSeconds / (Deploy + HostHash).TotalSeconds;

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Bytes:N0} bytes: plain SFTP {PlainMegabytesPerSecond:F1} MB/s ({PlainSftp.TotalSeconds:F3} s), deploy {DeployMegabytesPerSecond:F1} MB/s ({Deploy.TotalSeconds:F3} s), {Ratio:P1} of plain SFTP; host SHA-256 {HostHash.TotalSeconds:F3} s, {RatioWithHostHash:P1} with it");
}
