namespace Airgap.Analytics.Vision;

/// <summary>
/// How an image was fitted into the model's input: scaled by <see cref="Scale"/> (aspect kept) and padded by
/// <see cref="PadX"/>, <see cref="PadY"/> — Ultralytics' letterbox. Maps the model's coordinates back to the image's.
/// </summary>
public sealed record Letterbox(float Scale, float PadX, float PadY, int ImageWidth, int ImageHeight)
{
    /// <summary>The letterbox of a <paramref name="width"/>×<paramref name="height"/> image into <paramref name="inputWidth"/>×<paramref name="inputHeight"/>.</summary>
    public static Letterbox Fit(int width, int height, int inputWidth, int inputHeight)
    {
        var scale = Math.Min(inputWidth / (float)width, inputHeight / (float)height);
        return new Letterbox(scale, (inputWidth - width * scale) / 2, (inputHeight - height * scale) / 2, width, height);
    }

    public (float X, float Y) ToImage(float x, float y) =>
        (Math.Clamp((x - PadX) / Scale, 0, ImageWidth), Math.Clamp((y - PadY) / Scale, 0, ImageHeight));
}
