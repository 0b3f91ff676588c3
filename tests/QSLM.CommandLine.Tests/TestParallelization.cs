// The fault-log tests set XDG_STATE_HOME, which is process-wide.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
