using System.Net.Http.Headers;
using System.Net;
using System.Text.Json;
using Airgap.Tests.Shared;

namespace Airgap.Server.Tests;

public sealed class DisplayReaderAnswersOverHttp
{
    private static byte[] Panel => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Displays", "hmi_001.png"));

    [Fact]
    public async Task A_panel_uploaded_as_a_file_comes_back_as_readings_warnings_and_text_and_a_profile_adds_limit_warnings()
    {
        await using var server = await AssistantServer.StartAsync();

        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Panel) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } }, "image", "panel.png" },
            { new StringContent("""{"parameters": [{"name": "Torque", "unit": "Nm", "max": 50}]}"""), "profile" },
        };
        using var response = await server.Client.PostAsync("/v1/vision/read", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reading = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = reading.RootElement;

        var torque = root.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("name").GetString() == "Torque");
        Assert.Equal((67.5, "Nm", "67.5"), (torque.GetProperty("value").GetDouble(), torque.GetProperty("unit").GetString(), torque.GetProperty("shown").GetString()));
        Assert.Equal(4, torque.GetProperty("box").GetArrayLength());
        Assert.Equal(["High level in sump", "Torque 67.5 Nm above limit 50"], root.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
        Assert.Equal("ocr", root.GetProperty("source").GetString());
        Assert.True(root.GetProperty("text").GetArrayLength() >= 17);
        Assert.True(root.GetProperty("elapsed_ms").GetInt64() > 0);

        var (status, json) = await server.PostAsync("/v1/vision/read", $$"""{"image": "{{Convert.ToBase64String(Panel)}}"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(8, json.GetProperty("values").GetArrayLength());
    }

    [Fact]
    public async Task What_is_not_a_sound_image_or_profile_is_a_400_naming_the_field()
    {
        await using var server = await AssistantServer.StartAsync();

        async Task<JsonElement> Refused(string body)
        {
            var (status, json) = await server.PostAsync("/v1/vision/read", body);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            return json.GetProperty("error");
        }
        string Body(byte[] image, string profile = "null") => $$"""{"image": "{{Convert.ToBase64String(image)}}", "profile": {{profile}}}""";

        var png = TestImages.Png(64, 64);
        Assert.Equal("image", (await Refused(Body("not an image at all"u8.ToArray()))).GetProperty("param").GetString());
        Assert.Contains("could not be decoded", (await Refused(Body(png[..(png.Length / 2)]))).GetProperty("message").GetString());
        Assert.Contains("20000 × 20000 pixels", (await Refused(Body(TestImages.Bomb(png, 20000, 20000)))).GetProperty("message").GetString());
        Assert.Equal("image", (await Refused("""{"profile": null}""")).GetProperty("param").GetString());
        var profile = await Refused(Body(png, """{"parameters": [{"name": "Level", "min": 90, "max": 10}]}"""));
        Assert.Equal(("profile", "profile: parameters[0] (Level): min 90 is above max 10"), (profile.GetProperty("param").GetString(), profile.GetProperty("message").GetString()));
        Assert.Equal("profile", (await Refused(Body(png, """{"parameters": 3}"""))).GetProperty("param").GetString());
    }

    [Fact]
    public async Task A_display_reader_model_that_cannot_see_images_leaves_the_ocr_reading_as_it_was()
    {
        await using var server = await AssistantServer.StartAsync(a => a with { DisplayReaderModel = AssistantServer.Model });

        var (status, json) = await server.PostAsync("/v1/vision/read", $$"""{"image": "{{Convert.ToBase64String(Panel)}}"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ocr", json.GetProperty("source").GetString());
        Assert.Equal(8, json.GetProperty("values").GetArrayLength());
        Assert.All(json.GetProperty("values").EnumerateArray(), v => Assert.False(v.TryGetProperty("flag", out _)));
        Assert.Equal(["High level in sump"], json.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
    }
}
