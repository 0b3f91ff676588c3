namespace QSLM.Tests.Shared;

/// <summary>A fresh <c>XDG_STATE_HOME</c> for the duration of a test, so the fault logs that an internal
/// error writes land in a folder the test can read and then deletes; the previous value is restored.</summary>
internal sealed class FaultLogFolder : IDisposable
{
    private const string Variable = "XDG_STATE_HOME";
    private readonly TemporaryFolder _folder;
    private readonly string? _previous = Environment.GetEnvironmentVariable(Variable);

    public FaultLogFolder(string prefix)
    {
        _folder = new TemporaryFolder(prefix);
        Environment.SetEnvironmentVariable(Variable, _folder.Path);
    }

    public string Path => _folder.Path;

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(Variable, _previous);
        _folder.Dispose();
    }
}
