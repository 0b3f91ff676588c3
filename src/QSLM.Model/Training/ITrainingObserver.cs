namespace QSLM.Model.Training;

/// <summary>Receives progress of a training run (the CLI draws it as a progress bar or log lines).</summary>
public interface ITrainingObserver
{
    /// <summary>Called after every optimizer step.</summary>
    void OnStep(TrainingRun run, double loss, double tokensPerSecond);

    /// <summary>Called for notable events: checkpoints, validation results.</summary>
    void OnMessage(string message);
}
