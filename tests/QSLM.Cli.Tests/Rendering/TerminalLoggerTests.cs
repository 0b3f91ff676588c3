using Microsoft.Extensions.Logging;
using QSLM.Cli.Rendering;

namespace QSLM.Cli.Tests.Rendering;

public sealed class TerminalLoggerTests
{
    private readonly StringWriter _error = new();

    private string[] Lines => _error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void A_warning_is_one_line_in_the_words_qslm_always_printed()
    {
        ILogger log = new TerminalLogger("qslm", () => _error);
        log.LogWarning("{File}: line {Line} is damaged; evaluating again", "cache.csv", 12);
        Assert.Equal(["qslm: warning: cache.csv: line 12 is damaged; evaluating again"], Lines);
    }

    [Fact]
    public void Information_is_a_note_debug_is_dropped_and_an_error_says_so()
    {
        ILogger log = new TerminalLogger("qslm", () => _error);
        log.LogInformation("{Board}: preparing its agent", "pi5");
        log.LogDebug("{Board}: bye failed", "pi5");
        log.LogError(new IOException("gone"), "{Board}: lost", "pi5");
        Assert.Equal(["qslm: pi5: preparing its agent", "qslm: error: pi5: lost"], Lines);
    }

    [Fact]
    public void Numbers_are_written_in_the_invariant_culture()
    {
        ILogger log = new TerminalLogger("qslm", () => _error);
        log.LogInformation("{Path}: {Samples} samples", "a.csv", 12345.5);
        Assert.Equal(["qslm: a.csv: 12345.5 samples"], Lines);
    }
}
