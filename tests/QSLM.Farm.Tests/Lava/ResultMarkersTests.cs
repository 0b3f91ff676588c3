using System.Text;
using QSLM.Farm.Lava;

namespace QSLM.Farm.Tests.Lava;

/// <summary>The agent's answers read back from a job's log.</summary>
public sealed class ResultMarkersTests
{
    private static string Line(string level, string message) =>
        "- {\"dt\": \"2026-12-06T05:46:53.099041\", \"lvl\": \"" + level + "\", \"msg\": \"" + message + "\"}";

    [Fact]
    public void A_recorded_log_gives_the_models_agent_answers_whole()
    {
        var results = ResultMarkers.Read(RecordedLava.File("logs-complete.yaml"));

        var answers = Encoding.UTF8.GetString(Assert.Single(results).Value);
        Assert.StartsWith("{\"type\":\"hello-reply\"", answers);
        Assert.Contains("\"type\":\"evaluation-result\"", answers);
        Assert.Contains("\"type\":\"run-result\"", answers);
        Assert.EndsWith("{\"type\":\"bye\"}\n", answers);
    }

    [Fact]
    public void Chunks_out_of_order_are_put_back_in_order()
    {
        var log = string.Join('\n', Line("target", "QSLM-RESULT ab 2 bG8="), Line("target", "QSLM-RESULT ab 1 aGVs"), Line("target", "QSLM-RESULT-END ab 2"));

        Assert.Equal("hello", Encoding.UTF8.GetString(ResultMarkers.Read(log)["ab"]));
    }

    [Fact]
    public void A_model_whose_end_line_or_a_chunk_is_missing_has_no_result()
    {
        var noEnd = Line("target", "QSLM-RESULT ab 1 aGVs");
        var missingChunk = string.Join('\n', Line("target", "QSLM-RESULT cd 2 bG8="), Line("target", "QSLM-RESULT-END cd 2"));

        Assert.Empty(ResultMarkers.Read(noEnd));
        Assert.Empty(ResultMarkers.Read(missingChunk));
    }

    [Fact]
    public void Only_the_boards_own_output_counts_not_lavas_echo_of_a_command()
    {
        var log = string.Join('\n', Line("input", "QSLM-RESULT ab 1 aGVs"), Line("debug", "QSLM-RESULT-END ab 1"));

        Assert.Empty(ResultMarkers.Read(log));
    }
}
