using System.Security.Cryptography;
using QSLM.Agent.Serve;

namespace QSLM.Agent.Tests.Serve;

/// <summary>The agent's hash of a partial copy that another writer appends to (an SFTP server on a board).</summary>
public sealed class PartialCopyFollowerTests : IDisposable
{
    private readonly TemporaryFolder _temp = new();

    [Fact]
    public async Task A_copy_appended_in_pieces_is_hashed_as_it_grows()
    {
        var bytes = RandomBytes(3_000_000);
        var path = _temp.File("m.part");
        using var follower = new PartialCopyFollower(Sha(bytes), path, bytes.Length);
        // Created after the follower started, as an upload that has not begun yet.
        await AppendInPiecesAsync(path, bytes);

        var followed = await follower.FinishAsync();

        Assert.NotNull(followed);
        Assert.Equal(Sha(bytes), followed.Sha256);
        Assert.Equal(bytes.Length, followed.Length);
        Assert.Equal(File.GetLastWriteTimeUtc(path), followed.LastWriteUtc);
    }

    [Fact]
    public async Task Only_the_models_size_is_hashed_and_what_was_read_is_what_is_reported()
    {
        var bytes = RandomBytes(200_000);
        var path = _temp.File("m.part");
        await File.WriteAllBytesAsync(path, [.. bytes, .. RandomBytes(1000)]);
        using var follower = new PartialCopyFollower(Sha(bytes), path, bytes.Length);

        var followed = await follower.FinishAsync();

        Assert.NotNull(followed);
        Assert.Equal(Sha(bytes), followed.Sha256);
        Assert.Equal(bytes.Length + 1000, followed.Length); // longer than the model: the store refuses it on length
    }

    [Fact]
    public async Task A_copy_that_ends_short_when_the_writer_is_done_gives_no_hash()
    {
        var bytes = RandomBytes(500_000);
        var path = _temp.File("m.part");
        using var follower = new PartialCopyFollower(Sha(bytes), path, bytes.Length);
        await AppendInPiecesAsync(path, bytes.AsMemory(0, 300_000));

        Assert.Null(await follower.FinishAsync());
    }

    [Fact]
    public async Task A_copy_that_never_appears_gives_no_hash()
    {
        using var follower = new PartialCopyFollower(new string('a', 64), _temp.File("never.part"), 10);
        Assert.Null(await follower.FinishAsync());
    }

    [Fact]
    public async Task A_stopped_follower_has_let_go_of_the_copy_so_the_agent_may_append_to_it_exclusively()
    {
        var path = _temp.File("m.part");
        await File.WriteAllBytesAsync(path, RandomBytes(1000));
        var follower = new PartialCopyFollower(new string('a', 64), path, 1_000_000);
        using (follower)
        {
            // Readiness, not timing: wait until the follower has the file open (seen in /proc, which takes no lock).
            while (!IsOpenHere(path)) await Task.Delay(1);
            await follower.StopAsync();
        }

        Assert.False(IsOpenHere(path));
        Assert.True(CanLockExclusively(path));
    }

    private static bool IsOpenHere(string path) =>
        Directory.EnumerateFileSystemEntries("/proc/self/fd").Any(fd =>
        {
            try
            {
                return new FileInfo(fd).LinkTarget == path;
            }
            catch (IOException)
            {
                return false; // a descriptor closed while listing
            }
        });

    public void Dispose() => _temp.Dispose();

    private static bool CanLockExclusively(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static async Task AppendInPiecesAsync(string path, ReadOnlyMemory<byte> bytes)
    {
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
        for (var at = 0; at < bytes.Length; at += 32 * 1024)
        {
            await stream.WriteAsync(bytes[at..Math.Min(bytes.Length, at + 32 * 1024)]);
            await stream.FlushAsync();
            await Task.Yield();
        }
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(count).NextBytes(bytes);
        return bytes;
    }

    private static string Sha(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
