using QSLM.Boards.Transports.Ssh;

namespace QSLM.Boards.Tests.Transports.Ssh;

public sealed class KnownHostsFileTests
{
    private const string Key = "AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";

    [Fact]
    public void Entries_match_by_name_and_port_and_comments_markers_and_damaged_lines_pin_nothing()
    {
        var entries = KnownHostsFile.Parse([
            "# a comment",
            "",
            $"board-1,10.0.0.7 ssh-ed25519 {Key}",
            $"[127.0.0.1]:2222 ssh-ed25519 {Key} comment",
            $"@revoked board-2 ssh-ed25519 {Key}",
            "board-3 ssh-ed25519 not*base64",
            "too-short",
        ]);
        Assert.Equal(2, entries.Count);
        Assert.True(entries[0].Matches("board-1", 22));
        Assert.True(entries[0].Matches("10.0.0.7", 22));
        Assert.False(entries[0].Matches("board-1", 2222));
        Assert.True(entries[1].Matches("127.0.0.1", 2222));
        Assert.False(entries[1].Matches("127.0.0.1", 22));
        Assert.DoesNotContain(entries, e => e.Matches("board-2", 22) || e.Matches("board-3", 22));
    }

    [Fact]
    public void A_fingerprint_pin_accepts_only_its_own_key()
    {
        var blob = Convert.FromBase64String(Key);
        var fingerprint = HostKeyPin.Describe("ssh-ed25519", blob).Split(' ')[1];
        HostKeyPin.Fingerprint(fingerprint).Check("b", 22, "ssh-ed25519", blob);
        HostKeyPin.Fingerprint(fingerprint["SHA256:".Length..]).Check("b", 22, "ssh-ed25519", blob);
        var changed = (byte[])blob.Clone();
        changed[^1] ^= 1;
        var refused = Assert.Throws<HostKeyRefusedException>(() => HostKeyPin.Fingerprint(fingerprint).Check("b", 22, "ssh-ed25519", changed));
        Assert.Equal([fingerprint], refused.Expected);
        Assert.NotEqual(fingerprint, refused.Presented.Split(' ')[1]);
    }
}
