using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Airgap.Analytics.Vision.Reading;

/// <summary>
/// The display reader with a second opinion: the OCR reader and, when a vision-language model is configured, the model
/// read the same image at once, and <see cref="DisplayReconciliation"/> merges the two. Without a model, or when the
/// model gives no reading (missing, cannot see images, failed, past its time), the OCR reading is returned as it is.
/// </summary>
public sealed class ReconcilingDisplayReader(DisplayReader ocr, VlmDisplayReading? vlm = null, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>The OCR reader underneath.</summary>
    public DisplayReader Ocr => ocr;

    /// <summary>Reads <paramref name="image"/>; throws only what the OCR reader throws, or the caller's cancellation.</summary>
    public async Task<DisplayReading> ReadAsync(Image<Rgb24> image, DisplayProfile? profile, CancellationToken cancellationToken)
    {
        if (vlm?.Model is null) return await Task.Run(() => ocr.Read(image, profile, cancellationToken), cancellationToken);
        var clock = Stopwatch.StartNew();
        var asked = vlm.AskAsync(image, profile, cancellationToken);
        DisplayReading read;
        try
        {
            read = await Task.Run(() => ocr.Read(image, profile, cancellationToken), cancellationToken);
        }
        catch
        {
            try
            {
                await asked; // the model's call ends before the caller disposes the image
            }
            catch (OperationCanceledException)
            {
            }
            throw;
        }
        var answer = await asked;
        if (answer.Reading is null)
        {
            _logger.LogWarning("Display read by OCR alone: {Problem}", answer.Problem);
            return read;
        }
        var merged = DisplayReconciliation.Reconcile(read, answer.Reading, profile, DisplayReadingPrompt.MaxValues);
        return merged with { ElapsedMs = clock.ElapsedMilliseconds };
    }
}
