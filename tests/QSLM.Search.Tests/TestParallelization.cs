// libtorch's random generator and thread pools are process-wide: tests that seed and train must
// not interleave with other torch work, or a seeded run is no longer reproducible.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
