using Airgap.Analytics.Vision;
using Airgap.Analytics.Vision.Reading;

namespace Airgap.Analytics.Tests.Vision.Reading;

/// <summary>
/// The reader with a vision-language model configured, end to end: the OCR reader on the built-in models and the tiny
/// synthetic VLM (random weights, so what it reads is arbitrary but held to the schema) on a rendered panel.
/// </summary>
public sealed class DisplayReaderAsksAVisionModel(DisplayReaderAsksAVisionModel.Site site) : IClassFixture<DisplayReaderAsksAVisionModel.Site>
{
    public sealed class Site : IDisposable
    {
        public DisplayReader Ocr { get; } = DisplayReader.OpenBuiltIn(2);
        public VisionAssistantSite Models { get; } = new();

        public void Dispose()
        {
            Ocr.Dispose();
            Models.Dispose();
        }
    }

    private static readonly string Panel = Path.Combine(AppContext.BaseDirectory, "Vision", "Reading", "Displays", "hmi_001.png");

    private ReconcilingDisplayReader Reader(string? model, Microsoft.Extensions.AI.IChatClient? chat = null, TimeSpan? timeout = null) =>
        new(site.Ocr, new VlmDisplayReading(chat ?? site.Models.Chat,
            new AnalyticsOptions { DisplayReaderModel = model, ModelTimeout = timeout ?? TimeSpan.FromMinutes(5) }));

    private static (string, double, string, string, string) Key(DisplayValue v) => (v.Name, v.Value, v.Unit, v.Shown, string.Join(",", v.Box));

    private (DisplayReading Alone, DisplayReading Read) ReadBoth(ReconcilingDisplayReader reader)
    {
        using var image = ImageTensor.Decode(File.ReadAllBytes(Panel));
        var alone = site.Ocr.Read(image, null);
        var read = reader.ReadAsync(image, null, CancellationToken.None).GetAwaiter().GetResult();
        return (alone, read);
    }

    [Fact]
    public void With_a_vision_model_the_reading_is_ocr_plus_vlm_and_keeps_every_ocr_value_and_warning()
    {
        var (alone, read) = ReadBoth(Reader(VisionAssistantSite.VisionModel));

        Assert.Equal("ocr+vlm", read.Source);
        Assert.NotEmpty(alone.Values);
        var kept = read.Values.Where(v => v.Box.Length > 0).Select(Key).ToList();
        Assert.Equal(alone.Values.Select(Key), kept);
        Assert.Equal(alone.Warnings, read.Warnings.Take(alone.Warnings.Count));
        Assert.Equal(alone.Text.Select(t => t.Text), read.Text.Select(t => t.Text));
        Assert.All(read.Values, v => Assert.InRange(v.Confidence, 0, 1));
    }

    [Theory]
    [InlineData(VisionAssistantSite.TextModel)]
    [InlineData("absent:model")]
    [InlineData("")]
    public void Without_a_model_that_can_see_the_reading_stays_ocr_and_loses_nothing(string model)
    {
        var (alone, read) = ReadBoth(Reader(model));

        Assert.Equal("ocr", read.Source);
        Assert.Equal(alone.Values, read.Values, (a, b) => Key(a) == Key(b) && a.Confidence == b.Confidence && a.Flag is null && b.Flag is null);
        Assert.Equal(alone.Warnings, read.Warnings);
    }

    [Fact]
    public async Task A_model_past_its_time_leaves_the_ocr_reading_alone()
    {
        var silent = new SilentChatClient();
        var reader = Reader("slow:model", silent, TimeSpan.FromMilliseconds(200));
        using var image = ImageTensor.Decode(File.ReadAllBytes(Panel));

        var read = await reader.ReadAsync(image, null, CancellationToken.None);

        Assert.Equal(1, silent.Calls);
        Assert.Equal("ocr", read.Source);
        Assert.NotEmpty(read.Values);
    }

    [Fact]
    public async Task The_model_answer_names_why_it_gave_no_reading()
    {
        using var image = ImageTensor.Decode(File.ReadAllBytes(Panel));

        var answer = await new VlmDisplayReading(site.Models.Chat, new AnalyticsOptions { DisplayReaderModel = VisionAssistantSite.TextModel })
            .AskAsync(image, null, CancellationToken.None);

        Assert.Null(answer.Reading);
        Assert.StartsWith("display reader model 'tiny:test' failed: model 'tiny:test@1.0.0' cannot see images", answer.Problem);
    }

    [Fact]
    public async Task A_model_that_reads_the_panel_raises_what_it_agrees_on_and_flags_what_it_does_not()
    {
        var model = new AnsweringChatClient("""
            {"values": [{"name": "Header Pressure", "value": 749, "unit": "kPa", "shown": "749"},
                        {"name": "Torque", "value": 61.5, "unit": "Nm", "shown": "61.5"},
                        {"name": "Oil Temp", "value": 48, "unit": "°C", "shown": "48"}],
             "warnings": ["HIGH LEVEL IN SUMP", "Filter clogged"]}
            """);
        using var image = ImageTensor.Decode(File.ReadAllBytes(Panel));
        var alone = site.Ocr.Read(image, null);

        var read = await Reader("vlm:test", model).ReadAsync(image, null, CancellationToken.None);

        var image0 = Assert.IsType<Microsoft.Extensions.AI.DataContent>(model.Messages[^1].Contents[0]);
        Assert.Equal("image/png", image0.MediaType);
        Assert.IsType<Microsoft.Extensions.AI.ChatResponseFormatJson>(model.Options!.ResponseFormat);
        Assert.Equal("ocr+vlm", read.Source);
        var pressure = read.Values.Single(v => v.Name == "Header Pressure");
        var ocrPressure = alone.Values.Single(v => v.Name == "Header Pressure");
        Assert.Equal((749, Math.Max(ocrPressure.Confidence, 0.95), (string?)null), (pressure.Value, pressure.Confidence, pressure.Flag));
        var torque = read.Values.Single(v => v.Name == "Torque");
        var ocrTorque = alone.Values.Single(v => v.Name == "Torque");
        Assert.StartsWith(ocrTorque.Confidence >= DisplayReconciliation.OcrTrusted ? "disagree: vlm read 61.5" : "disagree: ocr read 67.5", torque.Flag);
        var oil = read.Values.Single(v => v.Name == "Oil Temp");
        Assert.Equal((0.5, 0), (oil.Confidence, oil.Box.Length));
        Assert.Equal(alone.Values.Count + 1, read.Values.Count);
        Assert.Equal([.. alone.Warnings, "Filter clogged"], read.Warnings);
    }
}
