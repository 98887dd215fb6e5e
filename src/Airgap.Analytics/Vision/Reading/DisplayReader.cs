using System.Diagnostics;
using Airgap.Analytics.Vision.Ocr;
using Airgap.Inference.Engines.Onnx;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Airgap.Analytics.Vision.Reading;

/// <summary>
/// Reads an equipment display: PP-OCR finds and reads the text, the words are classified, scales set aside,
/// values paired with units and labels by layout, warnings found by colour and vocabulary, and a profile (when
/// given) fixes names and checks limits. Thread-safe; one instance serves every request.
/// </summary>
public sealed class DisplayReader(PpOcrModels models) : IDisposable
{
    private readonly PpOcrReader _ocr = new(models);

    // Each read holds a decoded image, its raster and the detector's buffers (hundreds of MB for a 40 MP photo) and
    // runs ONNX Runtime's own threads: a few at a time keep memory bounded and the cores busy; the rest wait their turn.
    private readonly SemaphoreSlim _reads = new(Math.Max(1, Environment.ProcessorCount / 2));

    /// <summary>A reader on the built-in ppocr:v4 models.</summary>
    public static DisplayReader OpenBuiltIn(int threads) => new(PpOcrModels.OpenBuiltIn(threads));

    /// <summary>Reads one display; waits its turn when as many reads as half the cores are under way.</summary>
    public DisplayReading Read(Image<Rgb24> image, DisplayProfile? profile, CancellationToken cancellationToken = default)
    {
        _reads.Wait(cancellationToken);
        try
        {
            return ReadNow(image, profile, cancellationToken);
        }
        finally
        {
            _reads.Release();
        }
    }

    private DisplayReading ReadNow(Image<Rgb24> image, DisplayProfile? profile, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var raster = RgbRaster.From(image);
        var lines = _ocr.Read(raster, cancellationToken);
        var pieces = LinePieces.Parse(WordSplitter.Split(lines));
        var segmented = SegmentMerge.Merge(pieces, image, cancellationToken);
        UnitLamps.Probe(_ocr, raster, pieces, cancellationToken);
        var warnings = Layout(raster, pieces, TextSlope(lines));
        UnitProbe.Probe(_ocr, raster, pieces, cancellationToken);
        var values = Values(pieces);
        if (profile is not null)
        {
            var (named, limits) = ProfileCheck.Apply(profile, values);
            values = named;
            warnings.AddRange(limits);
        }
        var text = lines.Select(l => new DisplayText(l.Text, l.Box.ToArray(), Math.Round(l.Confidence, 3))).ToList();
        return new DisplayReading(values, warnings, text, segmented ? "segment" : "ocr", clock.ElapsedMilliseconds);
    }

    /// <summary>
    /// The layout stages on pieces already read: scales set aside, alarm lists and warnings found, values paired with
    /// units and labels. Returns the warnings.
    /// </summary>
    internal static List<string> Layout(RgbRaster raster, List<Piece> pieces, float slope)
    {
        NumberFragments.Drop(pieces);
        ScaleTicks.Mark(pieces);
        var listed = AlarmRows.Find(pieces);
        var warnings = WarningFinder.Find(raster, pieces, vocabulary: listed is null);
        if (listed is not null) warnings.InsertRange(0, listed);
        LayoutPairing.Pair(pieces, raster.Width, slope);
        return warnings;
    }

    /// <summary>The readings among the pieces, top to bottom; confidence is lower where the label was found by looking above.</summary>
    internal static List<DisplayValue> Values(List<Piece> pieces)
    {
        foreach (var p in pieces.Where(p => p.Kind == PieceKind.Value)) p.Label = ReadingFilter.WithoutHeaderClutter(p.Label);
        return pieces.Where(p => p.Kind == PieceKind.Value && ReadingFilter.IsReading(p)
                                 && !ReadingFilter.InTitleRow(p, pieces) && !ReadingFilter.UnderBiggerReading(p, pieces)
                                 && !ReadingFilter.OnSelectorDial(p, pieces))
            .OrderBy(p => p.Box.Y0).ThenBy(p => p.Box.X0)
            .Select(p => new DisplayValue(p.Label, p.Value, ReadingFilter.Unit(p), p.Shown, Math.Round(p.Confidence * (p.LabelFrom is "inline" or "left" ? 1 : 0.9), 3), p.Box.ToArray()))
            .ToList();
    }

    /// <summary>The image's text slope: the median angle of its long lines (short ones say little about it).</summary>
    internal static float TextSlope(IReadOnlyList<OcrText> lines)
    {
        var angles = lines.Where(l => l.Thickness > 0 && l.Box.Width >= 4 * l.Thickness).Select(l => l.Angle).Order().ToList();
        return angles.Count == 0 ? 0 : angles[angles.Count / 2];
    }

    public void Dispose()
    {
        _reads.Dispose();
        models.Dispose();
    }
}
