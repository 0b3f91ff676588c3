using QSLM.Cli.Reports;
using QSLM.Errors;

namespace QSLM.Cli.Tests.Reports;

public sealed class SearchRunTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-report-run-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_last_row_of_each_candidate_is_what_is_known_of_it()
    {
        var run = SearchRun.Load(RunCsv.Write(_temp.Path, RunCsv.Accuracy));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], run.Latest.Select(r => r.Candidate));
        var five = run.Latest.Single(r => r.Candidate == 5);
        Assert.Equal("measured", five.Status);
        Assert.Equal(3.2, five.PowerWatts);
        var six = run.Latest.Single(r => r.Candidate == 6);
        Assert.False(six.Feasible);
        Assert.StartsWith("failed:infrastructure", six.Status);
    }

    [Fact]
    public void Sensitivity_measurements_are_not_candidates()
    {
        var run = SearchRun.Load(RunCsv.Write(_temp.Path, RunCsv.Accuracy));
        Assert.DoesNotContain(run.Candidates, r => r.Tier == "sensitivity");
        Assert.Equal(6, run.Candidates.Count);
        Assert.Equal(1, run.Baseline!.Candidate);
    }

    [Fact]
    public void The_chosen_candidate_by_rule_is_the_best_feasible_by_its_last_row()
    {
        var run = SearchRun.Load(RunCsv.Write(_temp.Path, RunCsv.Accuracy));
        // #6 scored 0.4 on the host but failed on the board; the sensitivity row scores 0.9 on its own slice.
        var (row, reason) = ChosenCandidate.Find(run, requested: null);
        Assert.Equal(5, row.Candidate);
        Assert.Contains("highest objective", reason);
    }

    [Fact]
    public void Equal_objectives_go_to_fewer_bytes_then_to_the_lower_number()
    {
        var csv = RunCsv.Header + "\n1,baseline,a,400,0,accuracy,0.8,,,,,,,,0.5,True,host-only\n2,global,b,300,0.25,accuracy,0.8,,,,,,,,0.5,True,host-only\n3,global,c,300,0.25,accuracy,0.8,,,,,,,,0.5,True,host-only\n";
        Assert.Equal(2, ChosenCandidate.Find(SearchRun.Load(RunCsv.Write(_temp.Path, csv)), null).Row.Candidate);
    }

    [Fact]
    public void A_numeric_chosen_in_the_manifest_beside_the_csv_is_honoured_and_other_properties_are_ignored()
    {
        var path = RunCsv.Write(_temp.Path, RunCsv.Accuracy);
        File.WriteAllText(Path.Combine(_temp.Path, "manifest.json"), """{"Tool":"qslm","Task":"sst2","Chosen":2,"Menu":["int8"]}""");
        var (row, reason) = ChosenCandidate.Find(SearchRun.Load(path), null);
        Assert.Equal(2, row.Candidate);
        Assert.Equal("manifest.json", reason);
    }

    [Fact]
    public void A_manifest_without_a_numeric_chosen_leaves_the_choice_to_the_rule()
    {
        var path = RunCsv.Write(_temp.Path, RunCsv.Accuracy);
        File.WriteAllText(Path.Combine(_temp.Path, "manifest.json"), """{"Tool":"qslm","Chosen":null}""");
        Assert.Equal(5, ChosenCandidate.Find(SearchRun.Load(path), null).Row.Candidate);
    }

    [Fact]
    public void A_requested_candidate_wins_over_the_manifest_and_an_unknown_one_is_refused()
    {
        var path = RunCsv.Write(_temp.Path, RunCsv.Accuracy);
        File.WriteAllText(Path.Combine(_temp.Path, "manifest.json"), """{"Chosen":2}""");
        var run = SearchRun.Load(path);
        Assert.Equal(7, ChosenCandidate.Find(run, 7).Row.Candidate);
        Assert.Contains("candidate 4", Assert.Throws<InputException>(() => ChosenCandidate.Find(run, 4)).Message);
    }

    [Fact]
    public void Counts_separate_feasible_measured_and_failed_by_class()
    {
        var run = SearchRun.Load(RunCsv.Write(_temp.Path, RunCsv.Accuracy));
        Assert.Equal("6 candidates (1 sensitivity measurements apart), 3 feasible, 1 measured on a board, failed: 1 infrastructure, 0 candidate", ReportSummary.Counts(run));
    }
}
