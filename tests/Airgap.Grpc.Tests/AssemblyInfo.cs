// Each test class starts its own server; on 2 cores, generations of parallel classes would slow each other's timing.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
