namespace Airgap.Analytics.Vision.Ocr;

/// <summary>
/// A line of text the detector found: a rectangle of <see cref="Length"/> × <see cref="Thickness"/> pixels centred at
/// (<see cref="CenterX"/>, <see cref="CenterY"/>), its long side turned <see cref="Angle"/> radians from horizontal.
/// </summary>
public sealed record TextRegion(float CenterX, float CenterY, float Length, float Thickness, float Angle, float Score)
{
    /// <summary>The axis-aligned box around the rectangle.</summary>
    public PixelBox Bounds
    {
        get
        {
            float c = MathF.Abs(MathF.Cos(Angle)), s = MathF.Abs(MathF.Sin(Angle));
            float halfW = (Length * c + Thickness * s) / 2, halfH = (Length * s + Thickness * c) / 2;
            return new PixelBox(CenterX - halfW, CenterY - halfH, CenterX + halfW, CenterY + halfH);
        }
    }
}
