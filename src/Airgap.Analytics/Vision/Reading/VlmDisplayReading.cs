using System.Diagnostics;
using Microsoft.Extensions.AI;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Airgap.Analytics.Vision.Reading;

/// <summary>
/// Asks a vision-language model (setting Analytics:DisplayReaderModel) for a display's readings, held to the reader's
/// JSON object by a schema grammar and to Analytics:ModelTimeout. Never fails for the caller: a missing model, a model
/// that cannot see images, a failure, an answer that is not the object, or a model past its time is an answer with no
/// reading and a one-line reason, and the OCR reading stands alone. Only the caller's own cancellation is thrown.
/// </summary>
public sealed class VlmDisplayReading(IChatClient chat, AnalyticsOptions options, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The model asked; null when none is configured.</summary>
    public string? Model { get; } = string.IsNullOrWhiteSpace(options.DisplayReaderModel) ? null : options.DisplayReaderModel.Trim();

    /// <summary>Shows the model <paramref name="image"/> (re-encoded as PNG) and reads its answer as a reading with source <c>vlm</c>.</summary>
    public async Task<VlmAnswer> AskAsync(Image<Rgb24> image, DisplayProfile? profile, CancellationToken cancellationToken)
    {
        if (Model is not { } model) return new VlmAnswer(null, "no display reader model is configured (setting Analytics:DisplayReaderModel)");
        var watch = Stopwatch.StartNew();
        using var deadline = new ModelDeadline(options.ModelTimeout, _clock, cancellationToken);
        try
        {
            var chatOptions = new ChatOptions
            {
                ModelId = model,
                ResponseFormat = DisplayReadingPrompt.Format,
                Temperature = 0,
                MaxOutputTokens = DisplayReadingPrompt.MaxOutputTokens,
            };
            var response = await chat.GetResponseAsync(DisplayReadingPrompt.Messages(Png(image), profile), chatOptions, deadline.Token);
            if (DisplayReadingPrompt.Read(response.Text) is not { } read)
                return new VlmAnswer(null, $"display reader model '{model}' gave an answer that is not a display reading");
            return new VlmAnswer(new DisplayReading(read.Values, read.Warnings, [], "vlm", watch.ElapsedMilliseconds), null);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return new VlmAnswer(null, ModelFailure.Describe("display reader", model, e, deadline));
        }
    }

    private static byte[] Png(Image<Rgb24> image)
    {
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }
}
