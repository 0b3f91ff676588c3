namespace QSLM.Model.Training;

/// <summary>What a training run reports as it goes, through an <see cref="IProgress{T}"/> (the CLI draws
/// it as a progress bar or log lines): a <see cref="TrainingStep"/> or a <see cref="TrainingNote"/>.</summary>
public abstract record TrainingProgress;

/// <summary>One optimizer step done.</summary>
/// <param name="Run">The run, with the step just done in <see cref="TrainingRun.Step"/>.</param>
/// <param name="Loss">The step's loss.</param>
/// <param name="TokensPerSecond">Tokens the step trained on, per second of its wall time.</param>
public sealed record TrainingStep(TrainingRun Run, double Loss, double TokensPerSecond) : TrainingProgress;

/// <summary>A notable event: a resumed run, a checkpoint, a validation result.</summary>
/// <param name="Message">One line saying what happened.</param>
public sealed record TrainingNote(string Message) : TrainingProgress;
