using Airgap.Inference.Scheduling;

namespace Airgap.Inference.Tests;

/// <summary>
/// A runner that loads nothing and generates nothing: the scheduler tests drive its queue by hand. Conventions allow
/// a scripted engine for scheduler timing; everything else runs the real llama.cpp runner.
/// </summary>
public sealed class ScriptedRunnerFactory : IModelRunnerFactory
{
    public List<string> Loads { get; } = [];
    public List<string> Unloads { get; } = [];
    public long BytesPerModel { get; set; } = 1000;
    public TimeSpan LoadDelay { get; set; }

    /// <summary>Released each time a load begins, before <see cref="LoadGate"/> lets it finish.</summary>
    public SemaphoreSlim LoadsBegun { get; } = new(0);

    /// <summary>Reset it to hold loads in flight until it is set again.</summary>
    public ManualResetEventSlim LoadGate { get; } = new(true);

    /// <summary>Loads running at this moment, and the most ever at once.</summary>
    public int InFlight => _inFlight;
    public int MostInFlight { get; private set; }

    private int _inFlight;

    public IModelRunner Load(string name, string path, string? projectorPath, InferenceOptions options, PriorityRequestQueue queue)
    {
        var now = Interlocked.Increment(ref _inFlight);
        lock (Loads) MostInFlight = Math.Max(MostInFlight, now);
        LoadsBegun.Release();
        LoadGate.Wait(TimeSpan.FromSeconds(30));
        if (LoadDelay > TimeSpan.Zero) Thread.Sleep(LoadDelay);
        Interlocked.Decrement(ref _inFlight);
        lock (Loads) Loads.Add(name);
        return new ScriptedRunner(name, queue, this);
    }

    public long EstimateBytes(string metadataJson, long fileSize, InferenceOptions options) => BytesPerModel;

    private sealed class ScriptedRunner(string name, PriorityRequestQueue queue, ScriptedRunnerFactory factory) : IModelRunner
    {
        public PriorityRequestQueue Queue => queue;
        public int ContextLength => 100;
        public int Running => 0;
        public IReadOnlyDictionary<Generation.DoneReason, long> Finished { get; } = new Dictionary<Generation.DoneReason, long>();
        public bool AddsBos => false;
        public int[] Tokenize(string text, bool addBos) => text.Split(' ').Select(w => w.Length).ToArray();
        public string ApplyChatTemplate(IReadOnlyList<(string Role, string Content)> messages) => string.Join(" ", messages.Select(m => m.Content));
        public long DecodeSteps => 0;
        public int PeakSequencesPerStep => 0;
        public void Prepare(GenerationJob job) { }
        public void Wake() { }
        public void Dispose() { lock (factory.Unloads) factory.Unloads.Add(name); }
    }
}
