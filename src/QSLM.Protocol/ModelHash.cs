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
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>SHA-256 of a whole file, lower-case hex, read asynchronously.</summary>
    public static async Task<string> OfFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }
}
