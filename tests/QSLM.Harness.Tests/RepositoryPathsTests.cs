namespace QSLM.Harness.Tests;

public sealed class RepositoryPathsTests
{
    [Fact]
    public void The_default_runs_folder_is_the_tests_own_folder_and_never_the_repositorys_runs()
    {
        Assert.Equal(TestRunsFolder.Path, RepositoryPaths.Runs);
        Assert.NotEqual(Path.Combine(RepositoryPaths.Root, "runs"), RepositoryPaths.Runs);
    }
}
