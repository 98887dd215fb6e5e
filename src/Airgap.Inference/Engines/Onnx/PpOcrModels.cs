using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Airgap.Inference.Engines.Onnx;

/// <summary>
/// PP-OCR's two networks on ONNX Runtime: the DBNet text detector (image → text probability map) and the SVTR/CRNN
/// recogniser (line crops → characters, CTC-decoded against the dictionary). Pre- and post-processing of images
/// live with the display reader; this class only runs the graphs. Thread-safe: InferenceSession.Run is.
/// </summary>
public sealed class PpOcrModels : IDisposable
{
    /// <summary>Height the recogniser takes its line crops at.</summary>
    public const int LineHeight = 48;

    private readonly InferenceSession _detector;
    private readonly InferenceSession _recognizer;
    private readonly string[] _characters;

    private PpOcrModels(InferenceSession detector, InferenceSession recognizer, string[] characters)
    {
        _detector = detector;
        _recognizer = recognizer;
        _characters = characters;
    }

    /// <summary>The built-in ppocr:v4 models, each session on <paramref name="threads"/> threads (0: ONNX Runtime's choice).</summary>
    public static PpOcrModels OpenBuiltIn(int threads)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (threads > 0) options.IntraOpNumThreads = threads;
        var detector = new InferenceSession(PpOcrPackage.Read(PpOcrPackage.DetectorFile), options);
        InferenceSession recognizer;
        try
        {
            recognizer = new InferenceSession(PpOcrPackage.Read(PpOcrPackage.RecognizerFile), options);
        }
        catch
        {
            detector.Dispose();
            throw;
        }
        using var reader = new StreamReader(new MemoryStream(PpOcrPackage.Read(PpOcrPackage.DictionaryFile)));
        var lines = new List<string> { "" };
        while (reader.ReadLine() is { } line) lines.Add(line);
        lines.Add(" ");
        return new PpOcrModels(detector, recognizer, [.. lines]);
    }

    /// <summary>
    /// Text probability per pixel for a normalised BGR image in CHW order (<paramref name="height"/> and
    /// <paramref name="width"/> multiples of 32).
    /// </summary>
    public float[] DetectText(float[] chw, int height, int width)
    {
        if (height % 32 != 0 || width % 32 != 0 || chw.Length != 3 * height * width)
            throw new ArgumentException($"the detector takes 3×H×W with H and W multiples of 32, not {chw.Length} values for {height}×{width}", nameof(chw));
        // The run options live to the end of the call: a temporary could be finalised while native code still uses it.
        using var run = new RunOptions();
        using var input = OrtValue.CreateTensorValueFromMemory(chw, [1, 3, height, width]);
        using var results = _detector.Run(run, [_detector.InputNames[0]], [input], [_detector.OutputNames[0]]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>
    /// Reads <paramref name="count"/> line crops of <see cref="LineHeight"/> × <paramref name="width"/>, normalised BGR in
    /// NCHW order: each line's text and the mean probability of its characters.
    /// </summary>
    public IReadOnlyList<RecognizedLine> RecognizeLines(float[] nchw, int count, int width)
    {
        if (count == 0) return [];
        if (nchw.Length != count * 3 * LineHeight * width)
            throw new ArgumentException($"{nchw.Length} values are not {count} line crops of 3 × {LineHeight} × {width}", nameof(nchw));
        using var run = new RunOptions();
        using var input = OrtValue.CreateTensorValueFromMemory(nchw, [count, 3, LineHeight, width]);
        using var results = _recognizer.Run(run, [_recognizer.InputNames[0]], [input], [_recognizer.OutputNames[0]]);
        var shape = results[0].GetTensorTypeAndShape().Shape;
        var probabilities = results[0].GetTensorDataAsSpan<float>();
        int steps = (int)shape[1], classes = (int)shape[2];
        var lines = new RecognizedLine[count];
        for (var n = 0; n < count; n++)
            lines[n] = CtcGreedy(probabilities.Slice(n * steps * classes, steps * classes), steps, classes);
        return lines;
    }

    public void Dispose()
    {
        _detector.Dispose();
        _recognizer.Dispose();
    }

    private RecognizedLine CtcGreedy(ReadOnlySpan<float> probabilities, int steps, int classes)
    {
        var text = new System.Text.StringBuilder();
        var characters = new List<CharacterStep>();
        int previous = 0;
        double sum = 0;
        for (var t = 0; t < steps; t++)
        {
            var row = probabilities.Slice(t * classes, classes);
            var best = 0;
            for (var k = 1; k < classes; k++) if (row[k] > row[best]) best = k;
            if (best != 0 && best != previous && best < _characters.Length)
            {
                text.Append(_characters[best]);
                characters.Add(new CharacterStep(_characters[best], t, row[best]));
                sum += row[best];
            }
            previous = best;
        }
        return new RecognizedLine(text.ToString(), characters.Count == 0 ? 0 : sum / characters.Count, characters, steps);
    }
}

/// <summary>One character of a recognised line: the time step it was read at (its horizontal position) and its probability.</summary>
public readonly record struct CharacterStep(string Text, int Step, float Probability);

/// <summary>A recognised line: text, mean character probability, and where each character sits among the line's steps.</summary>
public sealed record RecognizedLine(string Text, double Confidence, IReadOnlyList<CharacterStep> Characters, int Steps);
