namespace Airgap.Analytics.Vision.Segments;

/// <summary>A summed-area table: the mean of any axis-aligned rectangle of a plane in constant time.</summary>
internal sealed class SummedArea
{
    private readonly double[] _sums;
    private readonly int _stride;

    public SummedArea(GrayPlane plane)
    {
        _stride = plane.Width + 1;
        _sums = new double[_stride * (plane.Height + 1)];
        for (var y = 0; y < plane.Height; y++)
        {
            double row = 0;
            for (var x = 0; x < plane.Width; x++)
            {
                row += plane.Pixels[y * plane.Width + x];
                _sums[(y + 1) * _stride + x + 1] = _sums[y * _stride + x + 1] + row;
            }
        }
    }

    /// <summary>Mean over [x0, x1) × [y0, y1); the rectangle must be non-empty and inside the plane.</summary>
    public double Mean(int x0, int y0, int x1, int y1) =>
        (_sums[y1 * _stride + x1] - _sums[y0 * _stride + x1] - _sums[y1 * _stride + x0] + _sums[y0 * _stride + x0])
        / ((x1 - x0) * (y1 - y0));
}
