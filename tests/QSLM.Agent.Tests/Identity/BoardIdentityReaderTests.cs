using QSLM.Agent.Identity;
using QSLM.Agent.Simulation;
using QSLM.Protocol.Messages;

namespace QSLM.Agent.Tests.Identity;

/// <summary>The agent names its board from the files a Jetson, a Raspberry Pi and a PC publish, in their real formats.</summary>
public sealed class BoardIdentityReaderTests : IDisposable
{
    // The first line JetPack 5.1.2 writes to /etc/nv_tegra_release on a Jetson Orin Nano.
    private const string JetPackRelease = "# R35 (release), REVISION: 4.1, GCID: 33958178, BOARD: t186ref, EABI: aarch64, DATE: Tue Aug  1 19:57:35 UTC 2023\n"
        + "# KERNEL_VARIANT: oot\nTARGET_USERSPACE_LIB_DIR=nvidia\n";

    // What `vcgencmd version` prints on a Raspberry Pi 5.
    private const string VcgencmdVersion = "2023/10/17 15:39:16 \nCopyright (c) 2012 Broadcom\nversion 30f0c5e4d076da3ab4f341d88e7d505760b93ad7 (clean) (release) (start_cd)\n";

    private readonly TemporaryFolder _root = new("qslm-identity-");

    public void Dispose() => _root.Dispose();

    [Fact]
    public void A_jetson_is_named_by_its_device_tree_and_its_l4t_release()
    {
        Write("proc/sys/kernel/hostname", "orin-01\n");
        Write("proc/sys/kernel/osrelease", "5.10.120-tegra\n");
        Write("proc/device-tree/model", "NVIDIA Jetson Orin Nano Developer Kit\0");
        Write("proc/device-tree/serial-number", "1421623012345\0");
        Write("etc/nv_tegra_release", JetPackRelease);
        Write("sys/class/dmi/id/bios_version", "not read when the L4T release is there\n");

        var identity = BoardIdentityReader.Read(_root.Path, []);

        Assert.Equal(new BoardIdentity("orin-01", "NVIDIA Jetson Orin Nano Developer Kit", "1421623012345", "5.10.120-tegra", "L4T R35.4.1"), identity);
    }

    [Fact]
    public void A_raspberry_pi_is_named_by_its_device_tree_and_the_firmware_date_of_vcgencmd()
    {
        Write("proc/sys/kernel/hostname", "pi5\n");
        Write("proc/sys/kernel/osrelease", "6.1.0-rpi7-rpi-2712\n");
        Write("proc/device-tree/model", "Raspberry Pi 5 Model B Rev 1.0\0");
        var programs = Directory.CreateDirectory(_root.File("bin")).FullName;
        var vcgencmd = Path.Combine(programs, "vcgencmd");
        File.WriteAllText(vcgencmd, $"#!/bin/sh\n[ \"$1\" = version ] || exit 1\nprintf '%s' '{VcgencmdVersion}'\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(vcgencmd, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var identity = BoardIdentityReader.Read(_root.Path, [programs]);

        Assert.Equal(new BoardIdentity("pi5", "Raspberry Pi 5 Model B Rev 1.0", null, "6.1.0-rpi7-rpi-2712", "Raspberry Pi firmware 2023/10/17 15:39:16"), identity);
    }

    [Fact]
    public void A_pc_is_named_by_dmi_and_a_serial_it_cannot_read_is_null()
    {
        Write("proc/sys/kernel/hostname", "bench-pc\n");
        Write("proc/sys/kernel/osrelease", "6.8.0-45-generic\n");
        Write("sys/class/dmi/id/product_name", "NUC13ANHi5\n");
        Write("sys/class/dmi/id/bios_version", "ANRPL357.0031.2024.0207.1420\n");

        var identity = BoardIdentityReader.Read(_root.Path, []);

        Assert.Equal(new BoardIdentity("bench-pc", "NUC13ANHi5", null, "6.8.0-45-generic", "ANRPL357.0031.2024.0207.1420"), identity);
    }

    [Theory]
    [InlineData("# R36 (release), REVISION: 3.0, GCID: 36923193, BOARD: generic, EABI: aarch64, DATE: Fri Jul 19 23:24:25 UTC 2024", "L4T R36.3.0")]
    [InlineData("# R32 (release), REVISION: 7.1, GCID: 29818004, BOARD: t210ref, EABI: aarch64, DATE: Sat Feb 19 17:05:08 UTC 2022", "L4T R32.7.1")]
    [InlineData("TARGET_USERSPACE_LIB_DIR=nvidia", null)]
    [InlineData("# R35 (release)", null)]
    public void The_l4t_release_is_read_from_the_first_line_of_nv_tegra_release(string text, string? release) =>
        Assert.Equal(release, BoardIdentityReader.L4tRelease(text));

    [Fact]
    public void A_simulated_board_states_its_identity_in_a_fake_tree_the_agent_reads_back()
    {
        var stated = new SimulatedIdentity("sim-orin", "NVIDIA Jetson Orin Nano (simulated)", "SIM-0001", "5.15.136-tegra", "L4T R36.3.0");
        stated.WriteTree(_root.Path);

        var identity = BoardIdentityReader.Read(_root.Path, []);

        Assert.Equal(new BoardIdentity("sim-orin", "NVIDIA Jetson Orin Nano (simulated)", "SIM-0001", "5.15.136-tegra", "L4T R36.3.0"), identity);
        Assert.StartsWith("# R36 (release), REVISION: 3.0,", File.ReadAllText(_root.File("etc/nv_tegra_release")));
    }

    private void Write(string path, string text)
    {
        var file = _root.File(path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
    }
}
