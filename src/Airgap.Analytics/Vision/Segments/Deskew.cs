namespace Airgap.Analytics.Vision.Segments;

/// <summary>
/// A rotation by <see cref="Angle"/> (radians) about (<see cref="CenterX"/>, <see cref="CenterY"/>) followed by an
/// italic shear <see cref="Shear"/> (x −= shear · y): maps a plane's pixels to upright, unslanted digits.
/// </summary>
internal readonly record struct Deskew(double Angle, double Shear, double CenterX, double CenterY)
{
    private const double MaxDegrees = 12, DegreeStep = 1, MaxShear = 0.3, ShearStep = 0.025;

    /// <summary>
    /// The rotation that makes horizontal bars line up (sharpest row projection), then the shear that makes the
    /// vertical strokes line up (sharpest column projection), over the ink pixels of <paramref name="mask"/>.
    /// </summary>
    public static Deskew Estimate(bool[] mask, int width)
    {
        var xs = new List<float>();
        var ys = new List<float>();
        for (var i = 0; i < mask.Length; i++)
        {
            if (!mask[i]) continue;
            xs.Add(i % width);
            ys.Add(i / width);
        }
        if (xs.Count == 0) return new Deskew(0, 0, 0, 0);
        double cx = xs.Average(), cy = ys.Average();
        var bestAngle = 0.0;
        var bestScore = double.MinValue;
        for (var degrees = -MaxDegrees; degrees <= MaxDegrees + 1e-9; degrees += DegreeStep)
        {
            var a = degrees * Math.PI / 180;
            double sin = Math.Sin(a), cos = Math.Cos(a);
            var score = Sharpness(xs, ys, (x, y) => -sin * (x - cx) + cos * (y - cy));
            // Ties go to the smaller rotation: a clean image has many equally sharp angles near zero.
            if (score > bestScore * (1 + 1e-3) || (score >= bestScore && Math.Abs(a) < Math.Abs(bestAngle)))
            {
                bestScore = Math.Max(score, bestScore);
                bestAngle = a;
            }
        }
        double s = Math.Sin(bestAngle), c = Math.Cos(bestAngle);
        var bestShear = 0.0;
        bestScore = double.MinValue;
        for (var k = -MaxShear; k <= MaxShear + 1e-9; k += ShearStep)
        {
            var shear = k;
            var score = Sharpness(xs, ys, (x, y) =>
            {
                double u = c * (x - cx) + s * (y - cy), v = -s * (x - cx) + c * (y - cy);
                return u - shear * v;
            });
            if (score > bestScore * (1 + 1e-3) || (score >= bestScore && Math.Abs(k) < Math.Abs(bestShear)))
            {
                bestScore = Math.Max(score, bestScore);
                bestShear = k;
            }
        }
        return new Deskew(bestAngle, bestShear, cx, cy);
    }

    private static double Sharpness(List<float> xs, List<float> ys, Func<double, double, double> project)
    {
        var counts = new int[4096];
        const int offset = 2048;
        for (var i = 0; i < xs.Count; i++)
        {
            var b = (int)Math.Floor(project(xs[i], ys[i])) + offset;
            if ((uint)b < counts.Length) counts[b]++;
        }
        double sum = 0;
        foreach (var n in counts) sum += (double)n * n;
        return sum;
    }

    /// <summary>Upright coordinates of plane pixel (x, y).</summary>
    public (double U, double V) Forward(double x, double y)
    {
        double s = Math.Sin(Angle), c = Math.Cos(Angle);
        double u = c * (x - CenterX) + s * (y - CenterY), v = -s * (x - CenterX) + c * (y - CenterY);
        return (u - Shear * v, v);
    }

    /// <summary>Plane pixel of upright coordinates (u, v).</summary>
    public (double X, double Y) Inverse(double u, double v)
    {
        double s = Math.Sin(Angle), c = Math.Cos(Angle);
        var r = u + Shear * v;
        return (c * r - s * v + CenterX, s * r + c * v + CenterY);
    }
}
