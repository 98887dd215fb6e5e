namespace Airgap.Analytics.Vision.Segments;

/// <summary>
/// A run of seven-segment digits: the digits as shown ("-12.5", "0.48", "1546"), the number, a 0..1 confidence and
/// the box in image pixels [x0, y0, x1, y1].
/// </summary>
public sealed record SegmentReading(string Shown, double Value, double Confidence, int[] Box);
