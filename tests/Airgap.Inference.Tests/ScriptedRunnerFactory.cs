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

    public IModelRunner Load(string name, string path, InferenceOptions options, PriorityRequestQueue queue)
    {
        if (LoadDelay > TimeSpan.Zero) Thread.Sleep(LoadDelay);
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
        public Task<float[][]> EmbedAsync(IReadOnlyList<int[]> inputs, CancellationToken cancellationToken) => Task.FromResult(inputs.Select(_ => new float[] { 1 }).ToArray());
        public void Wake() { }
        public void Dispose() { lock (factory.Unloads) factory.Unloads.Add(name); }
    }
}
