namespace Airgap.Analytics.Vision;

/// <summary>An upload that is not an image this server will decode (not an image, damaged, too large); nothing reached a model.</summary>
public sealed class ImageRefusedException(string problem) : Exception($"image: {problem}")
{
    public string Problem { get; } = problem;
}
