using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Airgap.Analytics.Vision.Segments;

/// <summary>
/// Reads seven-segment digits (LED, LCD, VFD) — including decimal points and minus signs, which general OCR drops —
/// and ignores the unlit "ghost" segments that general OCR reads as 8s.
/// </summary>
public static class SegmentReader
{
    /// <summary>Lowest confidence <see cref="Read"/> reports: below it, runs are mostly letters and icons.</summary>
    public const double MinConfidence = 0.5;

    /// <summary>Lowest confidence <see cref="ReadRegion"/> reports for a box the caller already believes holds digits.</summary>
    public const double MinRegionConfidence = 0.35;

    private const int MinBoxHeight = 8;

    /// <summary>Every run of seven-segment digits found in the image, largest first; empty when there is none.</summary>
    public static IReadOnlyList<SegmentReading> Read(Image<Rgb24> image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        var readings = new List<(SegmentReading Reading, double Rank)>();
        foreach (var candidate in CandidateFinder.Find(image, cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (candidate.Height < MinBoxHeight) continue;
            // A minus sign is not tall enough to join its run of digits, and sits a whole cell left of a narrow "1":
            // the decoder looks 1.3 digit heights to the left.
            var reading = RegionDecoder.Read(image, candidate, 1.3, cancellationToken);
            if (reading is not { Confidence: >= MinConfidence } || OnlyOnes(reading.Shown)) continue;
            // A candidate as tall as its digits was read at the right scale; a whole panel around them was not.
            var fit = Math.Min(1, (reading.Box[3] - reading.Box[1]) / (double)candidate.Height);
            readings.Add((reading, reading.Confidence + 0.3 * fit));
        }
        var kept = new List<SegmentReading>();
        foreach (var (reading, _) in readings.OrderByDescending(r => r.Rank))
            if (!kept.Any(k => CandidateFinder.Overlap(Rect(k.Box), Rect(reading.Box)) > 0.4)) kept.Add(reading);
        return kept.OrderByDescending(r => (long)(r.Box[2] - r.Box[0]) * (r.Box[3] - r.Box[1])).ToList();
    }

    /// <summary>Reads one region known to hold digits (e.g. a box from a text detector), or null when it is not seven-segment digits.</summary>
    public static SegmentReading? ReadRegion(Image<Rgb24> image, int[] box, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(box);
        if (box.Length != 4) throw new ArgumentException($"A box is [x0, y0, x1, y1]; this one has {box.Length} numbers.", nameof(box));
        var clipped = Rectangle.FromLTRB(
            Math.Clamp(Math.Min(box[0], box[2]), 0, image.Width), Math.Clamp(Math.Min(box[1], box[3]), 0, image.Height),
            Math.Clamp(Math.Max(box[0], box[2]), 0, image.Width), Math.Clamp(Math.Max(box[1], box[3]), 0, image.Height));
        if (clipped.Height < MinBoxHeight || clipped.Width < 4) return null;
        var reading = RegionDecoder.Read(image, clipped, 0.2, cancellationToken);
        return reading is { Confidence: >= MinRegionConfidence } ? reading : null;
    }

    // A lone stroke ("1", "11", "1.1") is as likely a letter I, l or a bar as a seven-segment one.
    private static bool OnlyOnes(string shown) => shown.All(c => c is '1' or '.' or '-');

    private static Rectangle Rect(int[] box) => Rectangle.FromLTRB(box[0], box[1], box[2], box[3]);
}
