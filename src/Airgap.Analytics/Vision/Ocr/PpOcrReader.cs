using Airgap.Inference.Engines.Onnx;

namespace Airgap.Analytics.Vision.Ocr;

/// <summary>PP-OCR end to end: detect text lines, read them, top to bottom and left to right.</summary>
public sealed class PpOcrReader(PpOcrModels models)
{
    private readonly TextDetector _detector = new(models);
    private readonly TextRecognizer _recognizer = new(models);

    /// <summary>Lines read with less mean character probability are noise (icons, gauge arcs, moiré), not text.</summary>
    private const double MinConfidence = 0.4;

    /// <summary>
    /// Reads given regions without detection: for text the detector missed where the layout says some should be.
    /// <paramref name="padded"/> pads short crops to the recogniser's training width (<see cref="TextRecognizer.PaddedWidth"/>).
    /// </summary>
    public IReadOnlyList<OcrText> ReadRegions(RgbRaster image, IReadOnlyList<TextRegion> regions, CancellationToken cancellationToken = default, bool padded = false) =>
        _recognizer.Recognize(image, regions, cancellationToken, padded ? TextRecognizer.PaddedWidth : TextRecognizer.MinWidth);

    public IReadOnlyList<OcrText> Read(RgbRaster image, CancellationToken cancellationToken = default)
    {
        var regions = _detector.Detect(image, cancellationToken);
        return _recognizer.Recognize(image, regions, cancellationToken)
            .Where(t => t.Confidence >= MinConfidence)
            .Select(t => SpaceRestorer.Restore(image, t))
            .OrderBy(t => t.Box.Y0).ThenBy(t => t.Box.X0).ToList();
    }
}
