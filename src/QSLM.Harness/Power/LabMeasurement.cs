using QSLM.Sensors.Sampling;
using QSLM.Sensors.Statistics;

namespace QSLM.Harness.Power;

/// <summary>
/// Measures a baseline and a candidate on a board in windows a lab accepts (<see cref="LabWindowRules"/>): the
/// idle power once, in the same run, then the pairs of an <see cref="AbabSchedule"/>, each window after a
/// discarded warm-up and a cool-down, a throttled window repeated once. Each window's energy is the meter's
/// samples integrated between the window's marks; the idle power is subtracted for the net figures. A meter on
/// the host is read by the host around each window and cut at the agent's marks mapped to the host's clock by
/// clock exchanges before the first window and after the last (<see cref="ClockSync"/>).
/// </summary>
public sealed class LabMeasurement(IBoardWindows board, LabMeter meter, LabWindowRules rules)
{
    private readonly List<LabWindow> _windows = [];
    private readonly List<(IRecorded Recorded, LabWindowDraft Draft)> _pending = [];
    private double? _idleCelsius;

    /// <summary>Hears each window's figures: as it is taken for a meter on the board (one clock), or once the clock fit
    /// is known after the last window for a meter on the host, in run order either way; a run history commits them.</summary>
    public Action<LabWindow>? WindowTaken { get; init; }

    /// <summary>Measures <paramref name="baselineModel"/> and, interleaved with it, <paramref name="candidateModel"/>
    /// (the baseline alone when null); <paramref name="seed"/> draws the order of each pair.</summary>
    /// <exception cref="InvalidDataException">The meter sent no samples in a window, or samples under two tags.</exception>
    public async Task<LabResult> MeasureAsync(string baselineModel, string? candidateModel, int seed, CancellationToken cancellationToken)
    {
        rules.Validate();
        _windows.Clear();
        _pending.Clear();
        var exchanges = new List<ClockExchange>();
        if (meter.OnHostSide) exchanges.AddRange(await ClockSync.BurstAsync(board, cancellationToken).ConfigureAwait(false));

        var idle = await RecordAsync(() => board.IdleAsync(rules.IdleWindow, BoardSensors, cancellationToken)).ConfigureAwait(false);
        _idleCelsius = idle.Window.Thermal?.MaxCelsius;
        _pending.Add((idle, new LabWindowDraft(null, -1, 1, true, idle.Window, 0, false)));
        Taken();

        var last = idle.Window;
        foreach (var slot in AbabSchedule.Create(rules.Repeats, seed, candidateModel is not null))
        {
            var model = slot.Side == LabSide.Baseline ? baselineModel : candidateModel!;
            var (cooled, capped) = await CooldownAsync(last, cancellationToken).ConfigureAwait(false);
            var run = await RecordAsync(() => board.RunAsync(model, rules.Window, rules.Warmup, BoardSensors, cancellationToken)).ConfigureAwait(false);
            last = run.Window;
            if (rules.RepeatThrottled && run.Window.Thermal is { Throttled: true })
            {
                _pending.Add((run, new LabWindowDraft(slot.Side, slot.Repeat, 1, false, run.Window, cooled, capped)));
                Taken();
                (cooled, capped) = await CooldownAsync(last, cancellationToken).ConfigureAwait(false);
                run = await RecordAsync(() => board.RunAsync(model, rules.Window, rules.Warmup, BoardSensors, cancellationToken)).ConfigureAwait(false);
                last = run.Window;
                _pending.Add((run, new LabWindowDraft(slot.Side, slot.Repeat, 2, true, run.Window, cooled, capped)));
            }
            else
            {
                _pending.Add((run, new LabWindowDraft(slot.Side, slot.Repeat, 1, true, run.Window, cooled, capped)));
            }
            Taken();
        }

        ClockSync? clock = null;
        if (meter.OnHostSide)
        {
            exchanges.AddRange(await ClockSync.BurstAsync(board, cancellationToken).ConfigureAwait(false));
            clock = ClockSync.Fit(exchanges);
        }
        return Result(clock, candidateModel is not null);
    }

    private IReadOnlyList<string> BoardSensors => meter.OnHostSide ? [] : [meter.Spec];

    // A board meter's window is complete when taken; a host meter's waits for the clock fit (Result reports those).
    private void Taken()
    {
        if (WindowTaken is not { } taken || meter.OnHostSide) return;
        var i = _pending.Count - 1;
        var idleWatts = _pending[0].Recorded.Energy(meter.Spec, null).Joules / Seconds(_pending[0].Draft.Window);
        taken(Window(i, _pending[i].Draft, _pending[i].Recorded.Energy(meter.Spec, null), idleWatts));
    }

    private static LabWindow Window(int order, LabWindowDraft draft, BoardSampleEnergy energy, double idleWatts) =>
        new(order, draft.Side, draft.Repeat, draft.Attempt, draft.Kept, draft.Window.Thermal?.Throttled ?? false, draft.Window.Thermal?.Detail,
            draft.Window.Thermal?.MaxCelsius, draft.CooldownSeconds, draft.CooldownCapped, draft.Window.StartSeconds, draft.Window.StopSeconds,
            draft.Window.Tokens, energy.Samples, energy.Joules, idleWatts, energy.Source);

    private LabResult Result(ClockSync? clock, bool withCandidate)
    {
        var energies = _pending.Select(p => p.Recorded.Energy(meter.Spec, clock)).ToList();
        var sources = energies.Select(e => e.Source).Distinct().ToList();
        if (sources.Count > 1) throw new InvalidDataException($"{meter.Spec} gave samples under {sources.Count} tags in one measurement ({string.Join(", ", sources)}); a figure has one provenance");
        var idleEnergy = energies[0];
        var idleWatts = idleEnergy.Joules / Seconds(_pending[0].Draft.Window);
        for (var i = 0; i < _pending.Count; i++)
        {
            var (draft, energy) = (_pending[i].Draft, energies[i]);
            if (draft.Side is not null && draft.Window.Tokens <= 0) throw new InvalidDataException($"the board ran no token in window {i} of {meter.Spec}'s measurement");
            _windows.Add(Window(i, draft, energy, idleWatts));
            if (meter.OnHostSide) WindowTaken?.Invoke(_windows[^1]);
        }
        var kept = _windows.Where(w => w.Kept && w.Side is not null).ToList();
        var baseline = LabSideSummary.Of([.. kept.Where(w => w.Side == LabSide.Baseline)]);
        var candidate = withCandidate ? LabSideSummary.Of([.. kept.Where(w => w.Side == LabSide.Candidate)]) : null;
        var pairs = kept.GroupBy(w => w.Repeat)
            .Select(g => (A: g.Single(w => w.Side == LabSide.Baseline), B: g.SingleOrDefault(w => w.Side == LabSide.Candidate)))
            .Where(p => p.B is not null)
            .ToList();
        (double Mean, double? HalfWidth)? saving = pairs.Count > 0 ? StudentInterval.Of([.. pairs.Select(p => 1 - (p.B!.GrossJoulesPerToken / p.A.GrossJoulesPerToken))]) : null;
        (double Mean, double? HalfWidth)? netSaving = pairs.Count > 0 ? StudentInterval.Of([.. pairs.Select(p => 1 - (p.B!.NetJoulesPerToken / p.A.NetJoulesPerToken))]) : null;
        return new LabResult(sources[0], rules.Quick, idleWatts, idleEnergy.Samples, baseline, candidate,
            saving?.Mean, saving?.HalfWidth, netSaving?.Mean, netSaving?.HalfWidth, [.. _windows], clock);
    }

    /// <summary>
    /// The rules' pause with the board idle, then, where the board reports its temperature, idle polls until it is
    /// within the margin of the idle window's temperature or the cap is reached. The pauses are idle windows of the
    /// board itself (sampling nothing), so the board's clock, not the host's, times them.
    /// </summary>
    private async Task<(double Seconds, bool Capped)> CooldownAsync(BoardWindow last, CancellationToken cancellationToken)
    {
        var spent = 0.0;
        var celsius = last.Thermal?.MaxCelsius;
        if (rules.CooldownPause > TimeSpan.Zero)
        {
            var pause = await board.IdleAsync(rules.CooldownPause, [], cancellationToken).ConfigureAwait(false);
            spent += Seconds(pause);
            celsius = pause.Thermal?.MaxCelsius ?? celsius;
        }
        if (_idleCelsius is not { } idle) return (spent, false);
        while (celsius is { } now && now > idle + rules.CooldownMarginCelsius)
        {
            if (spent + rules.CooldownPoll.TotalSeconds > rules.CooldownCap.TotalSeconds) return (spent, true);
            var poll = await board.IdleAsync(rules.CooldownPoll, [], cancellationToken).ConfigureAwait(false);
            spent += Seconds(poll);
            celsius = poll.Thermal?.MaxCelsius;
        }
        return (spent, false);
    }

    private async Task<IRecorded> RecordAsync(Func<Task<BoardWindow>> window)
    {
        if (meter.Host is not { } host) return new OnBoard(await window().ConfigureAwait(false));
        using var recording = host.Start();
        var measured = await window().ConfigureAwait(false);
        return new OnHost(measured, recording.Stop());
    }

    private static double Seconds(BoardWindow window) => window.StopSeconds - window.StartSeconds;

    private sealed record LabWindowDraft(LabSide? Side, int Repeat, int Attempt, bool Kept, BoardWindow Window, double CooldownSeconds, bool CooldownCapped);

    private interface IRecorded
    {
        BoardWindow Window { get; }

        BoardSampleEnergy Energy(string sensor, ClockSync? clock);
    }

    private sealed record OnBoard(BoardWindow Window) : IRecorded
    {
        public BoardSampleEnergy Energy(string sensor, ClockSync? clock) =>
            BoardSampleEnergy.Between(Window.Samples, sensor, Window.StartSeconds, Window.StopSeconds);
    }

    private sealed record OnHost(BoardWindow Window, SampleSeries Series) : IRecorded
    {
        public BoardSampleEnergy Energy(string sensor, ClockSync? clock)
        {
            var sync = clock ?? throw new InvalidOperationException("a host meter's window needs the clock fit");
            var from = TimeSpan.FromSeconds(sync.ToHost(Window.StartSeconds));
            var to = TimeSpan.FromSeconds(sync.ToHost(Window.StopSeconds));
            if (Series.ValidCount == 0) throw new InvalidDataException($"the host meter {sensor} gave no valid sample in a window");
            return new BoardSampleEnergy(Series.Joules(from, to), Series.Between(from, to).Count(r => r.IsValid), Series.Source);
        }
    }
}
