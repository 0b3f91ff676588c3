using System.Globalization;
using QSLM.Model.Training;
using Spectre.Console;

namespace QSLM.Cli.Rendering;

/// <summary>
/// Shows a training run's progress: a live bar with loss and tokens/s on a terminal, a plain log
/// line every <c>logEvery</c> steps otherwise (a run in the background writes to a file).
/// </summary>
internal sealed class TrainingProgressView : IProgress<TrainingProgress>
{
    private readonly IAnsiConsole _console;
    private readonly int _logEvery;
    private ProgressTask? _task;
    private double _smoothedLoss = double.NaN;
    private double _smoothedRate = double.NaN;

    public TrainingProgressView(IAnsiConsole console, int logEvery)
    {
        _console = console;
        _logEvery = Math.Max(1, logEvery);
    }

    public bool Interactive => _console.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="work"/> under a live progress bar when the console is interactive.</summary>
    public T Run<T>(string title, int totalSteps, int startStep, Func<T> work)
    {
        if (!Interactive) return work();
        T result = default!;
        _console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                _task = ctx.AddTask(title, maxValue: totalSteps);
                _task.Value = startStep;
                result = work();
            });
        return result;
    }

    /// <summary>Draws a step on the bar (or logs it every <c>logEvery</c> steps) and prints a note.</summary>
    public void Report(TrainingProgress value)
    {
        switch (value)
        {
            case TrainingStep step:
                OnStep(step.Run, step.Loss, step.TokensPerSecond);
                break;
            case TrainingNote note:
                OnNote(note.Message);
                break;
        }
    }

    private void OnStep(TrainingRun run, double loss, double tokensPerSecond)
    {
        _smoothedLoss = double.IsNaN(_smoothedLoss) ? loss : 0.95 * _smoothedLoss + 0.05 * loss;
        _smoothedRate = double.IsNaN(_smoothedRate) ? tokensPerSecond : 0.9 * _smoothedRate + 0.1 * tokensPerSecond;
        var text = string.Create(CultureInfo.InvariantCulture, $"step {run.Step}/{run.Steps} loss {_smoothedLoss:F3} {_smoothedRate:F0} tok/s");
        if (_task is not null)
        {
            _task.Description = Markup.Escape(text);
            _task.Value = run.Step;
        }
        else if (run.Step % _logEvery == 0)
        {
            _console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss} {text}"));
        }
    }

    private void OnNote(string message)
    {
        if (_task is not null) _console.MarkupLine(Markup.Escape(message));
        else _console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss} {message}"));
    }
}
