namespace Airgap.Analytics.Vision.Ocr;

/// <summary>An axis-aligned box in image pixels, corners inclusive-exclusive as [x0, y0, x1, y1].</summary>
public readonly record struct PixelBox(float X0, float Y0, float X1, float Y1)
{
    public float Width => X1 - X0;
    public float Height => Y1 - Y0;
    public float CenterX => (X0 + X1) / 2;
    public float CenterY => (Y0 + Y1) / 2;

    /// <summary>The box as the wire shows it: whole pixels.</summary>
    public int[] ToArray() => [(int)MathF.Floor(X0), (int)MathF.Floor(Y0), (int)MathF.Ceiling(X1), (int)MathF.Ceiling(Y1)];

    /// <summary>The box cut to an image of <paramref name="width"/> × <paramref name="height"/>: unclipped text at the edge reaches past it.</summary>
    public PixelBox Within(int width, int height) =>
        new(Math.Clamp(X0, 0, width), Math.Clamp(Y0, 0, height), Math.Clamp(X1, 0, width), Math.Clamp(Y1, 0, height));

    /// <summary>The smallest box holding both.</summary>
    public PixelBox Union(PixelBox other) => new(MathF.Min(X0, other.X0), MathF.Min(Y0, other.Y0), MathF.Max(X1, other.X1), MathF.Max(Y1, other.Y1));

    /// <summary>Overlap of the two vertical extents as a share of the shorter one (1: one spans the other).</summary>
    public float VerticalOverlap(PixelBox other) =>
        MathF.Max(0, MathF.Min(Y1, other.Y1) - MathF.Max(Y0, other.Y0)) / MathF.Max(1, MathF.Min(Height, other.Height));

    /// <summary>Overlap of the two horizontal extents as a share of the narrower one.</summary>
    public float HorizontalOverlap(PixelBox other) =>
        MathF.Max(0, MathF.Min(X1, other.X1) - MathF.Max(X0, other.X0)) / MathF.Max(1, MathF.Min(Width, other.Width));

    /// <summary>Intersection over the smaller box's area.</summary>
    public float Containment(PixelBox other)
    {
        var w = MathF.Max(0, MathF.Min(X1, other.X1) - MathF.Max(X0, other.X0));
        var h = MathF.Max(0, MathF.Min(Y1, other.Y1) - MathF.Max(Y0, other.Y0));
        return w * h / MathF.Max(1, MathF.Min(Width * Height, other.Width * other.Height));
    }
}
