using System.Security.Cryptography;

namespace QSLM.Protocol;

/// <summary>
/// Models are named by the lower-case hex SHA-256 of their bytes. Because the agent builds every file
/// name from a validated hash, no name the host sends can reach outside the agent's folder.
/// </summary>
public static class ModelHash
{
    /// <summary>Whether <paramref name="value"/> is 64 lower-case hex digits.</summary>
    public static bool IsValid(string? value) =>
        value is { Length: 64 } && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    /// <summary>Throws <see cref="ProtocolException"/> with <see cref="ErrorCodes.BadRequest"/> unless valid.</summary>
    public static string Require(string? value) =>
        IsValid(value) ? value! : throw new ProtocolException(ErrorCodes.BadRequest, "a model hash must be 64 lower-case hex digits (SHA-256)");

    /// <summary>SHA-256 of a whole file, lower-case hex.</summary>
    public static string OfFile(string path)
    {
        // Unbuffered stream, 1 MiB reads: one copy less than a buffered stream read 4 KiB at a time by HashData.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0) sha.AppendData(buffer, 0, read);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>SHA-256 of a whole file, lower-case hex, read asynchronously.</summary>
    public static async Task<string> OfFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }
}
