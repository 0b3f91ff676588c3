using QSLM.Boards.Inventory;
using QSLM.Errors;
using QSLM.Harness.Boards;
using QSLM.Harness.Farms;
using QSLM.Search.Hierarchy;
using QSLM.Search.Objective;
using QSLM.Sensors.Sampling;

namespace QSLM.Harness.Search;

/// <summary>Opens a search's board tier on a LAVA farm: the measurer with the direct mode's checks and workload, and
/// the power plan, memory budget and simulated board of the bench's board that describes the devices, if named.</summary>
internal static class LavaBoards
{
    public static LavaBoardMeasurer Open(SearchRequest request, LavaSearch farm, HostSearchInputs inputs, string folder, Precisions fp32, IProgress<string>? lines)
    {
        if (request.SensorSpec is not null)
            throw new InputException("--sensor is a meter on the host beside the board: a LAVA job runs without QSLM beside its device, so under --lava power comes from a meter the board reads itself or is estimated (docs/farm.md)");
        var rules = request.Windows ?? new LabWindowRules();
        var (power, budget, simulated) = (BoardPowerPlan.Estimated, BoardMemoryBudget.Of(null), default(string));
        if (farm.Board is { } name)
        {
            var profiles = SearchBoard.ProfilesFolderFor(request.BenchPath);
            var entry = BoardSessions.Find(BenchFile.Load(request.BenchPath, profiles), name);
            var profile = BoardSessions.Profile(entry, profiles);
            (power, budget, simulated) = (BoardMeters.Plan(entry, profile, request.SensorSpec, rules), BoardMemoryBudget.Of(profile), entry.SimulatedBoard);
        }
        var isSst2 = inputs.IsSst2;
        var model = HostModels.LoadForVocabulary(isSst2 ? inputs.Sst2Path : inputs.LmPath, isSst2 ? inputs.LmPath : null, inputs.Vocabulary);
        var checks = SearchRunner.CheckSettings(request, inputs);
        return new LavaBoardMeasurer(farm.Client, farm.Options with { JobsFolder = farm.Options.JobsFolder ?? Path.Combine(folder, "lava-jobs") }, new CandidatePacker(model, inputs.Vocabulary.Hash()), Path.Combine(folder, "packed"),
            new CandidateChecks(isSst2 ? MetricKind.Accuracy : MetricKind.Perplexity, checks.Tolerance, budget), checks, power, fp32, simulated, lines)
        {
            WindowsLog = Path.Combine(folder, "windows.csv"),
        };
    }
}
