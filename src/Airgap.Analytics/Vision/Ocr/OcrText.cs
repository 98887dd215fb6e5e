namespace Airgap.Analytics.Vision.Ocr;

/// <summary>A line of text read from an image: its text, box, mean character probability and each character's x.</summary>
public sealed record OcrText(string Text, PixelBox Box, double Confidence, IReadOnlyList<OcrCharacter> Characters)
{
    /// <summary>Slope of the line in radians, and its height across that slope.</summary>
    public float Angle { get; init; }
    public float Thickness { get; init; }

    /// <summary>The line's centre height at image column <paramref name="x"/>.</summary>
    public float CenterYAt(float x) => Box.CenterY + (x - Box.CenterX) * MathF.Tan(Angle);
}

/// <summary>One recognised character, at horizontal image position <see cref="X"/>.</summary>
public readonly record struct OcrCharacter(string Text, float X, float Probability);
