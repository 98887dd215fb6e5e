using Airgap.Inference.Errors;
using FastBertTokenizer;
using Microsoft.ML.OnnxRuntime;

namespace Airgap.Inference.Engines.Onnx;

/// <summary>
/// A BERT-style sentence-embedding model on ONNX Runtime: uncased WordPiece tokens in, mean-pooled and L2-normalized
/// vectors out. Each call's inputs go through the session as one padded batch (a larger call as consecutive batches of
/// <see cref="SentenceEncoderSettings.BatchSize"/>). Safe to call from any thread; calls take turns, since one run
/// already uses every thread ONNX Runtime was given.
/// </summary>
public sealed class OnnxSentenceEncoder : IDisposable
{
    private const string InputIds = "input_ids";
    private const string AttentionMask = "attention_mask";
    private const string TokenTypeIds = "token_type_ids";

    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer = new();
    private readonly SentenceEncoderSettings _settings;
    private readonly string _output;
    private readonly bool _takesTokenTypes;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly string _model;
    private int _waiting;

    private OnnxSentenceEncoder(Func<SessionOptions, InferenceSession> open, TextReader vocabulary, SentenceEncoderSettings settings, string model)
    {
        (_settings, _model) = (settings, model);
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        if (settings.Threads > 0) options.IntraOpNumThreads = settings.Threads;
        try
        {
            _tokenizer.LoadVocabulary(vocabulary, convertInputToLowercase: true);
            _session = open(options);
        }
        catch (Exception e) when (e is OnnxRuntimeException or InvalidDataException or ArgumentException or InvalidOperationException)
        {
            throw new ModelLoadException(model, e.Message);
        }
        try
        {
            (_takesTokenTypes, _output) = CheckShape(_session, model);
        }
        catch
        {
            _session.Dispose();
            throw;
        }
        Dimensions = _session.OutputMetadata[_output].Dimensions[2];
    }

    private static (bool TakesTokenTypes, string Output) CheckShape(InferenceSession session, string model)
    {
        var inputs = session.InputMetadata.Keys.ToHashSet(StringComparer.Ordinal);
        if (!inputs.Contains(InputIds) || !inputs.Contains(AttentionMask) || inputs.Except([InputIds, AttentionMask, TokenTypeIds]).Any())
            throw new ModelLoadException(model, $"its inputs are {string.Join(", ", inputs)}; a sentence encoder takes input_ids, attention_mask and optionally token_type_ids");
        // last_hidden_state by name, else the first [batch, sequence, dimensions] output: a pooled 2-D output is BERT's
        // classification pooler, not a sentence embedding.
        var output = session.OutputMetadata.Where(o => o.Value.Dimensions.Length == 3).OrderBy(o => o.Key != "last_hidden_state").Select(o => o.Key).FirstOrDefault()
            ?? throw new ModelLoadException(model, "it has no [batch, sequence, dimensions] output to pool");
        return (inputs.Contains(TokenTypeIds), output);
    }

    /// <summary>Opens the model in <paramref name="modelBytes"/>; <paramref name="model"/> names it in errors.</summary>
    public static OnnxSentenceEncoder FromBytes(byte[] modelBytes, TextReader vocabulary, SentenceEncoderSettings settings, string model) =>
        new(options => new InferenceSession(modelBytes, options), vocabulary, settings, model);

    /// <summary>Opens the model file at <paramref name="modelPath"/>; <paramref name="model"/> names it in errors.</summary>
    public static OnnxSentenceEncoder FromFile(string modelPath, TextReader vocabulary, SentenceEncoderSettings settings, string model) =>
        new(options => new InferenceSession(modelPath, options), vocabulary, settings, model);

    /// <summary>Length of each vector; -1 when the model leaves it symbolic until the first run.</summary>
    public int Dimensions { get; }

    /// <summary>Embeds <paramref name="texts"/>, waiting for its turn; an empty list is refused.</summary>
    public async Task<SentenceEmbeddings> EncodeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        if (texts.Count == 0) throw new InvalidRequestException("input", "must not be empty");
        if (Interlocked.Increment(ref _waiting) > _settings.MaxWaiting)
        {
            Interlocked.Decrement(ref _waiting);
            throw new QueueFullException(_model, _settings.MaxWaiting, TimeSpan.FromSeconds(1));
        }
        try
        {
            await _turn.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
        try
        {
            var vectors = new List<float[]>(texts.Count);
            var tokens = 0;
            for (var start = 0; start < texts.Count; start += _settings.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = PaddedBatch.Tokenize(_tokenizer, texts.Skip(start).Take(_settings.BatchSize).ToList(), _settings.MaxTokens);
                vectors.AddRange(Run(batch, cancellationToken));
                tokens += batch.Lengths.Sum();
            }
            return new SentenceEmbeddings([.. vectors], tokens);
        }
        finally
        {
            _turn.Release();
        }
    }

    private float[][] Run(PaddedBatch batch, CancellationToken cancellationToken)
    {
        using var runOptions = new RunOptions();
        // A client that leaves stops the run between kernels, not after the whole batch.
        using var stop = cancellationToken.Register(() => runOptions.Terminate = true);
        var names = new List<string> { InputIds, AttentionMask };
        using var ids = OrtValue.CreateTensorValueFromMemory(batch.InputIds, batch.Shape);
        using var mask = OrtValue.CreateTensorValueFromMemory(batch.AttentionMask, batch.Shape);
        using var types = OrtValue.CreateTensorValueFromMemory(batch.TokenTypeIds, batch.Shape);
        var values = new List<OrtValue> { ids, mask };
        if (_takesTokenTypes)
        {
            names.Add(TokenTypeIds);
            values.Add(types);
        }
        try
        {
            using var outputs = _session.Run(runOptions, names, values, [_output]);
            var hidden = outputs[0];
            var dimensions = (int)hidden.GetTensorTypeAndShape().Shape[2];
            var data = hidden.GetTensorDataAsSpan<float>();
            var vectors = new float[batch.Rows][];
            for (var row = 0; row < batch.Rows; row++) vectors[row] = MeanPooling.Pool(data, row, batch.Width, dimensions, batch.Lengths[row]);
            return vectors;
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _turn.Dispose();
    }
}
