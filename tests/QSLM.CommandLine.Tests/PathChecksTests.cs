using System.CommandLine;

namespace QSLM.CommandLine.Tests;

public sealed class PathChecksTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-paths-");

    public void Dispose() => _temp.Dispose();

    private static string? Error<T>(Option<T> option, string value) =>
        new RootCommand { option }.Parse([option.Name, value]).Errors.SingleOrDefault()?.Message;

    [Fact]
    public void A_folder_given_as_an_output_file_is_refused_with_its_path()
    {
        Assert.Equal($"--output: {_temp.Path} is a folder, not a file", Error(new Option<string>("--output").WritableFile(), _temp.Path));
    }

    [Fact]
    public void An_output_file_in_a_place_that_cannot_be_written_is_refused_with_its_path()
    {
        // sysfs refuses new files even to root, as a read-only mount does.
        Assert.Equal("--output: /sys/qslm-test.csv cannot be written (permission denied or a read-only file system)", Error(new Option<string>("--output").WritableFile(), "/sys/qslm-test.csv"));
        var missing = _temp.File("absent/out.csv");
        Assert.Equal($"--output: the folder {Path.GetDirectoryName(missing)} does not exist", Error(new Option<string>("--output").WritableFile(), missing));
    }

    [Fact]
    public void A_writable_output_file_is_accepted_and_left_as_it_was()
    {
        var existing = _temp.File("kept.csv");
        File.WriteAllText(existing, "bytes");
        Assert.Null(Error(new Option<string>("--output").WritableFile(), existing));
        Assert.Equal("bytes", File.ReadAllText(existing));
        var fresh = _temp.File("new.csv");
        Assert.Null(Error(new Option<string>("--output").WritableFile(), fresh));
        Assert.False(File.Exists(fresh));
    }

    [Fact]
    public void A_file_given_as_a_folder_is_refused_and_a_folder_to_create_is_accepted()
    {
        var file = _temp.File("plain");
        File.WriteAllText(file, "");
        Assert.Equal($"--out: {file} is a file, not a folder", Error(new Option<string>("--out").WritableFolder(), file));
        Assert.Equal($"--out: {file} is a file, not a folder", Error(new Option<string>("--out").WritableFolder(), Path.Combine(file, "run")));
        Assert.Null(Error(new Option<string>("--out").WritableFolder(), _temp.File("new/run")));
        Assert.False(Directory.Exists(_temp.File("new")));
    }

    [Fact]
    public void A_folder_given_as_an_input_file_is_refused()
    {
        var file = new Argument<string>("FILE").NotAFolder();
        var parse = new RootCommand { file }.Parse([_temp.Path]);
        Assert.Equal($"FILE: {_temp.Path} is a folder, not a file", Assert.Single(parse.Errors).Message);
    }
}
