using Airgap.Inference.Errors;
using Airgap.Inference.Scheduling;
using Airgap.Inference.Vision;
using Microsoft.Extensions.AI;

namespace Airgap.Inference.Chat;

/// <summary>
/// The images a conversation shows: each image <see cref="DataContent"/>, in order, decoded and bounded in managed code
/// (count and pixels are settings). Anything else a model cannot take (audio, a link to fetch) is refused, never dropped.
/// </summary>
public static class ChatImages
{
    /// <summary>Decodes every image of <paramref name="messages"/>; throws <see cref="InvalidRequestException"/> naming the refused one.</summary>
    public static List<PromptImage> Decode(IReadOnlyList<ChatMessage> messages, InferenceOptions limits)
    {
        var images = new List<PromptImage>();
        for (var i = 0; i < messages.Count; i++)
        {
            foreach (var content in messages[i].Contents)
            {
                var field = content.AdditionalProperties?.TryGetValue(AirgapChatProperties.Field, out var f) == true && f is string named
                    ? named
                    : $"messages[{i}]";
                switch (content)
                {
                    case DataContent data when data.HasTopLevelMediaType("image"):
                        if (images.Count == limits.MaxImagesPerRequest)
                            throw new InvalidRequestException(field, $"is image {images.Count + 1}; a request may show at most {limits.MaxImagesPerRequest} (setting Inference:MaxImagesPerRequest)");
                        if (!PromptImage.TryDecode(data.Data.ToArray(), limits.MaxImagePixels, out var image, out var problem))
                            throw new InvalidRequestException(field, $"image {problem}");
                        images.Add(image!);
                        break;
                    case DataContent data:
                        throw new InvalidRequestException(field, $"is {data.MediaType}; of media, only images can be shown to a model");
                    case UriContent:
                        throw new InvalidRequestException(field, "is a link; images are sent inline (base64 or a data: URL), nothing is fetched");
                }
            }
        }
        if (images.Count > 0 && messages.Any(m => m.Text.Contains(PromptImage.Marker, StringComparison.Ordinal)))
            throw new InvalidRequestException("messages", $"a text holds {PromptImage.Marker}, which marks where an image goes; it cannot be sent with images");
        return images;
    }

    /// <summary>A message's text with <see cref="PromptImage.Marker"/> where each of its images goes.</summary>
    public static string TextWithMarkers(ChatMessage message)
    {
        if (!message.Contents.Any(c => c is DataContent data && data.HasTopLevelMediaType("image"))) return message.Text;
        return string.Concat(message.Contents.Select(c => c switch
        {
            TextContent text => text.Text,
            DataContent data when data.HasTopLevelMediaType("image") => PromptImage.Marker,
            _ => "",
        }));
    }
}
